package dev.rtc.dissect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One captured frame and the field values its dissection found, reused from packet to packet so that reading a
 * million packets allocates nothing per packet. Values are kept in the order the dissector added them (the order
 * of Wireshark's packet details); byte and string values point into the frame's bytes rather than being copied.
 */
public final class Frame implements FieldValues {
    /** The largest frame rtc keeps (pcap's own upper bound for a snapshot length). */
    public static final int MAX_LENGTH = 262_144;

    private static final int FROM_DATA = 0;
    private static final int FROM_AUX = 1;
    private static final int FROM_CHAIN = 2;
    /** A protocol: offset and length of its item in the frame's bytes, and in value the end of its layer's data. */
    private static final int FROM_LAYER = 3;

    private final FieldRegistry registry;
    private byte[] data = new byte[2048];
    private int capturedLength;
    /** The end of the bytes the dissector appended after the captured ones for this frame (reassembled data). */
    private int appendedEnd;
    private int wireLength;
    private long timeNanos;
    private long number;
    private int linkType;

    private boolean[] wanted;
    private int[] wantedBefore;
    private boolean keepChain = true;
    private final int[] generation;
    private final int[] first;
    private final int[] last;
    private final int[] count;
    private int current = 1;

    private int size;
    private int[] fieldOf = new int[64];
    private int[] next = new int[64];
    private long[] value = new long[64];
    private int[] offset = new int[64];
    private int[] length = new int[64];
    private byte[] source = new byte[64];
    private byte[] aux = new byte[256];
    private int auxLength;
    private int[] chain = new int[16];
    private int chainLength;
    /** One remark on one protocol occurrence (why RTP was recognised), shown by the detail view. */
    private int noteAt = -1;
    private String note;

    public Frame(FieldRegistry registry) {
        this.registry = registry;
        int n = registry.size();
        generation = new int[n];
        first = new int[n];
        last = new int[n];
        count = new int[n];
    }

    /**
     * Keeps only these fields' values (protocols are fields too), so that a filter or a field list that reads few
     * fields costs little per frame; null keeps everything (detail, JSON and summary output need it).
     */
    public void keepOnly(java.util.Collection<Integer> fieldIds) {
        if (fieldIds == null) {
            wanted = null;
            keepChain = true;
            return;
        }
        keepChain = fieldIds.contains(Fields.FRAME_PROTOCOLS.id());
        wanted = new boolean[registry.size()];
        for (int id : fieldIds) {
            wanted[id] = true;
        }
        wantedBefore = new int[registry.size() + 1];
        for (int i = 0; i < wanted.length; i++) {
            wantedBefore[i + 1] = wantedBefore[i] + (wanted[i] ? 1 : 0);
        }
    }

    /** Whether the field's values are kept. */
    public boolean wants(Field f) {
        return wanted == null || wanted[f.id()];
    }

    /** Whether every field is kept (the detail view): only then are notes and other explanations worth building. */
    boolean keepsAll() {
        return wanted == null;
    }

    /** Whether any field with an id in [from, to] is kept. */
    boolean wantsAny(Field from, Field to) {
        return wanted == null || wantedBefore[to.id() + 1] - wantedBefore[from.id()] > 0;
    }

    /** Loads a new frame's bytes (copied), forgetting the previous frame's values. */
    public void load(long number, long timeNanos, int wireLength, int linkType, byte[] bytes, int off, int len) {
        ensureData(len);
        System.arraycopy(bytes, off, data, 0, len);
        loaded(number, timeNanos, wireLength, linkType, len);
    }

    /** The buffer to fill with {@code len} bytes before calling {@link #loaded}. */
    public byte[] buffer(int len) {
        ensureData(len);
        return data;
    }

    /** Declares the buffer's first {@code capturedLength} bytes a new frame. */
    public void loaded(long number, long timeNanos, int wireLength, int linkType, int capturedLength) {
        this.number = number;
        this.timeNanos = timeNanos;
        this.wireLength = wireLength;
        this.linkType = linkType;
        this.capturedLength = capturedLength;
        this.appendedEnd = capturedLength;
        clearValues();
    }

    /** Where more reassembled bytes may go in the buffer: after the captured bytes and those already appended. */
    int appendAt() {
        return Math.max(capturedLength, appendedEnd);
    }

    /** Notes that the dissector put reassembled bytes in the buffer up to {@code end}. */
    void appended(int end) {
        appendedEnd = Math.max(appendedEnd, end);
    }

    private void ensureData(int len) {
        if (data.length < len) {
            data = Arrays.copyOf(data, Math.max(len, data.length * 2));
        }
    }

    void clearValues() {
        current++;
        if (current == Integer.MAX_VALUE) {
            Arrays.fill(generation, 0);
            current = 1;
        }
        size = 0;
        auxLength = 0;
        chainLength = 0;
        noteAt = -1;
    }

    public byte[] data() {
        return data;
    }

    public int capturedLength() {
        return capturedLength;
    }

    public int wireLength() {
        return wireLength;
    }

    public long timeNanos() {
        return timeNanos;
    }

    public long number() {
        return number;
    }

    public int linkType() {
        return linkType;
    }

    public FieldRegistry registry() {
        return registry;
    }

    // ---- adding values (the dissector) ----

    // the keep check sits in these small methods so that it is inlined where the dissector calls them

    int addLong(Field f, long v) {
        int id = f.id();
        if (wanted != null && !wanted[id]) {
            return -1;
        }
        return add(id, v, 0, 0, FROM_DATA);
    }

    int addSlice(Field f, int off, int len) {
        int id = f.id();
        if (wanted != null && !wanted[id]) {
            return -1;
        }
        return add(id, 0, off, len, FROM_DATA);
    }

    /**
     * Adds a protocol occurrence. {@code off} and {@code len} are what Wireshark's item for it covers (what
     * {@code len()}, slices and comparisons see; the length may run past the captured bytes when a header is cut
     * short); {@code end} is where the data its dissector was handed ends, up to which {@code contains} and
     * {@code matches} search.
     */
    int addProtocol(Field f, int off, int len, int end) {
        int id = f.id();
        if (wanted != null && !wanted[id]) {
            return -1;
        }
        return add(id, end, off, len, FROM_LAYER);
    }

    int addAux(Field f, byte[] bytes, int off, int len) {
        if (!wants(f)) {
            return -1;
        }
        if (aux.length < auxLength + len) {
            aux = Arrays.copyOf(aux, Math.max(aux.length * 2, auxLength + len));
        }
        System.arraycopy(bytes, off, aux, auxLength, len);
        int i = add(f.id(), 0, auxLength, len, FROM_AUX);
        auxLength += len;
        return i;
    }

    int addAuxString(Field f, CharSequence s) {
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
        return addAux(f, b, 0, b.length);
    }

    /** Adds the value of {@code frame.protocols}: the protocol chain, rendered only when asked for. */
    int addChain(Field f) {
        return add(f.id(), 0, 0, 0, FROM_CHAIN);
    }

    /** Appends a protocol to the chain {@code frame.protocols} shows. */
    void chain(Field protocol) {
        if (!keepChain) {
            return;
        }
        if (chainLength == chain.length) {
            chain = Arrays.copyOf(chain, chainLength * 2);
        }
        chain[chainLength++] = protocol.id();
    }

    /** The protocols of this frame, outermost first, as field ids of protocol fields. */
    public int[] protocolChain() {
        return Arrays.copyOf(chain, chainLength);
    }

    /**
     * The protocol Wireshark's protocol column names: the innermost that is not {@code data} (data never sets the
     * column; ChannelData's payloads follow STUN), unless data follows an unknown ethertype directly.
     */
    public Field topProtocol() {
        if (chainLength == 0) {
            return registry.get(Fields.FRAME.id());
        }
        int k = chainLength - 1;
        while (k > 0 && chain[k] == Fields.DATA.id()) {
            k--;
        }
        int top = chain[k];
        if (k < chainLength - 1 && top == Fields.ETHERTYPE.id()) {
            top = Fields.DATA.id();
        }
        return registry.get(top);
    }

    private String chainText() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < chainLength; k++) {
            if (chain[k] == Fields.FRAME.id()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(registry.get(chain[k]).name());
        }
        return sb.toString();
    }

    /** Attaches a remark to a protocol occurrence (ignored when the occurrence is not kept). */
    void note(int occurrence, String text) {
        if (occurrence >= 0) {
            noteAt = occurrence;
            note = text;
        }
    }

    /** The remark attached to the i-th value, or null. */
    public String noteAt(int i) {
        return i == noteAt ? note : null;
    }

    /** Sets where the data of an already added protocol occurrence's layer ends (known once its header is read). */
    void setEnd(int occurrence, int end) {
        if (occurrence >= 0) {
            value[occurrence] = end;
        }
    }

    private int add(int id, long v, int off, int len, int src) {
        if (wanted != null && !wanted[id]) {
            return -1;
        }
        if (size == fieldOf.length) {
            int n = size * 2;
            fieldOf = Arrays.copyOf(fieldOf, n);
            next = Arrays.copyOf(next, n);
            value = Arrays.copyOf(value, n);
            offset = Arrays.copyOf(offset, n);
            length = Arrays.copyOf(length, n);
            source = Arrays.copyOf(source, n);
        }
        int i = size++;
        fieldOf[i] = id;
        next[i] = -1;
        value[i] = v;
        offset[i] = off;
        length[i] = len;
        source[i] = (byte) src;
        if (generation[id] != current) {
            generation[id] = current;
            first[id] = i;
            count[id] = 1;
        } else {
            next[last[id]] = i;
            count[id]++;
        }
        last[id] = i;
        return i;
    }

    // ---- the occurrences in order (renderers) ----

    /** How many values this frame holds, all fields together. */
    public int occurrences() {
        return size;
    }

    /** The field of the i-th value in dissection order. */
    public Field fieldAt(int i) {
        return registry.get(fieldOf[i]);
    }

    /** The offset in the frame's bytes of the i-th value when it comes from them, else -1. */
    public int offsetAt(int i) {
        return (source[i] == FROM_DATA || source[i] == FROM_LAYER) && fieldOf[i] != Fields.FRAME.id() ? offset[i]
                : -1;
    }

    /** The byte length of the i-th value when it is a slice of the frame or of derived bytes. */
    public int lengthAt(int i) {
        return length[i];
    }

    /** The i-th value in dissection order as tshark prints it with {@code -T fields}. */
    public String textAt(int i) {
        return FieldText.format(registry.get(fieldOf[i]), this, i);
    }

    /** The i-th value in dissection order as a number (numeric fields). */
    public long longAt(int i) {
        return value[i];
    }

    long rawLong(int i) {
        return value[i];
    }

    byte[] rawBytes(int i) {
        if (source[i] == FROM_CHAIN) {
            return chainText().getBytes(StandardCharsets.UTF_8);
        }
        if (source[i] == FROM_LAYER) {
            return Arrays.copyOfRange(data, offset[i], offset[i] + Math.min(length[i], (int) value[i] - offset[i]));
        }
        byte[] src = source[i] == FROM_AUX ? aux : data;
        return Arrays.copyOfRange(src, offset[i], offset[i] + length[i]);
    }

    String rawString(int i) {
        if (source[i] == FROM_CHAIN) {
            return chainText();
        }
        byte[] src = source[i] == FROM_AUX ? aux : data;
        int end = offset[i];
        int limit = offset[i] + length[i];
        while (end < limit && src[end] != 0) {
            end++;
        }
        // Wireshark's strings end at the first NUL (coturn counts terminators in its reason phrases)
        return new String(src, offset[i], end - offset[i], StandardCharsets.UTF_8);
    }

    int occurrence(int fieldId, int index) {
        if (generation[fieldId] != current || index < 0 || index >= count[fieldId]) {
            throw new IndexOutOfBoundsException("field " + registry.get(fieldId).name() + " occurrence " + index);
        }
        int i = first[fieldId];
        for (int k = 0; k < index; k++) {
            i = next[i];
        }
        return i;
    }

    // ---- FieldValues ----

    @Override
    public int count(int fieldId) {
        return generation[fieldId] == current ? count[fieldId] : 0;
    }

    @Override
    public long getLong(int fieldId, int index) {
        return value[occurrence(fieldId, index)];
    }

    @Override
    public byte[] getBytes(int fieldId, int index) {
        int i = occurrence(fieldId, index);
        Field f = registry.get(fieldId);
        if (f.type().numeric()) {
            int width = f.type() == FieldType.IPV4 ? 4 : f.type() == FieldType.BOOLEAN ? 1
                    : f.bits() > 0 ? (f.bits() + 7) / 8 : 8;
            byte[] b = new byte[width];
            long v = value[i];
            for (int k = width - 1; k >= 0; k--) {
                b[k] = (byte) v;
                v >>>= 8;
            }
            return b;
        }
        return rawBytes(i);
    }

    @Override
    public int length(int fieldId, int index) {
        int i = occurrence(fieldId, index);
        return source[i] == FROM_LAYER ? length[i] : getBytes(fieldId, index).length;
    }

    @Override
    public byte[] searchBytes(int fieldId, int index) {
        int i = occurrence(fieldId, index);
        if (source[i] == FROM_LAYER) {
            return Arrays.copyOfRange(data, offset[i], Math.max(offset[i], (int) value[i]));
        }
        return getBytes(fieldId, index);
    }

    @Override
    public String getString(int fieldId, int index) {
        return FieldText.format(registry.get(fieldId), this, occurrence(fieldId, index));
    }
}
