package dev.rtc.capture;

import dev.rtc.Exit;
import dev.rtc.RtcException;
import dev.rtc.dissect.FieldText;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Live capture through libpcap (pcap4j): {@code loop(-1, RawPacketListener)}, which costs well under a
 * microsecond a packet and keeps native memory flat, with the timestamp and original length read on the
 * listener's thread right after each packet, as pcap4j keeps them per thread.
 */
public final class LiveCapture implements AutoCloseable {
    private final PcapHandle handle;
    private final String device;
    private final int linkType;
    private final int snapLength;

    private LiveCapture(PcapHandle handle, String device, int linkType, int snapLength) {
        this.handle = handle;
        this.device = device;
        this.linkType = linkType;
        this.snapLength = snapLength;
    }

    /** One interface as {@code -D} lists it. */
    public record Interface(String name, String description, List<String> addresses, boolean up,
                            boolean loopback) {
    }

    /** The interfaces libpcap can capture on, with their addresses. */
    public static List<Interface> interfaces() {
        try {
            List<Interface> out = new ArrayList<>();
            for (PcapNetworkInterface nif : Pcaps.findAllDevs()) {
                List<String> addresses = new ArrayList<>();
                for (PcapAddress a : nif.getAddresses()) {
                    InetAddress ia = a.getAddress();
                    if (ia instanceof Inet4Address) {
                        addresses.add(ia.getHostAddress());
                    } else if (ia instanceof Inet6Address) {
                        addresses.add(FieldText.ipv6(ia.getAddress()));
                    }
                }
                out.add(new Interface(nif.getName(), nif.getDescription(), addresses, nif.isUp(),
                        nif.isLoopBack()));
            }
            return out;
        } catch (PcapNativeException e) {
            throw new RtcException(Exit.FAILURE, "cannot list interfaces: " + e.getMessage());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw noLibpcap(e);
        }
    }

    /** Checks a BPF capture filter without opening a device; null when valid, else libpcap's message. */
    public static String bpfError(String expression, int linkType, int snapLength) {
        try {
            BpfProgram p = Pcaps.compileFilter(snapLength, DataLinkType.getInstance(linkType), expression,
                    BpfProgram.BpfCompileMode.OPTIMIZE, PcapHandle.PCAP_NETMASK_UNKNOWN);
            p.free();
            return null;
        } catch (PcapNativeException e) {
            return e.getMessage();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw noLibpcap(e);
        }
    }

    /**
     * Opens an interface.
     *
     * @param bpf kernel capture filter, or null
     */
    public static LiveCapture open(String device, int snapLength, boolean promiscuous, String bpf) {
        try {
            PcapNetworkInterface nif = Pcaps.getDevByName(device);
            if (nif == null) {
                throw new RtcException(Exit.FAILURE, "no such interface: " + device
                        + " (rtc capture -D lists them)");
            }
            PcapHandle handle = new PcapHandle.Builder(device)
                    .snaplen(snapLength)
                    .promiscuousMode(promiscuous ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                            : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    // not immediate mode: libpcap then uses TPACKET_V2, whose ring holds only buffer/snaplen
                    // frames (8 at the defaults) and drops bursts; V3 with a 100 ms timeout packs bursts and still
                    // shows packets within 0.1 s
                    .timeoutMillis(100)
                    .bufferSize(16 << 20)
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
                    .build();
            if (bpf != null) {
                try {
                    handle.setFilter(bpf, BpfProgram.BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException | NotOpenException e) {
                    handle.close();
                    throw new RtcException(Exit.USAGE, "invalid capture filter: " + e.getMessage());
                }
            }
            return new LiveCapture(handle, device, handle.getDlt().value(), snapLength);
        } catch (PcapNativeException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("ermission") || msg.contains("not permitted")) {
                throw new RtcException(Exit.FAILURE, "live capture on " + device
                        + " needs root or CAP_NET_RAW (run as root, or: setcap cap_net_raw,cap_net_admin=eip on"
                        + " the java binary)");
            }
            throw new RtcException(Exit.FAILURE, "cannot capture on " + device + ": " + msg);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw noLibpcap(e);
        }
    }

    private static RtcException noLibpcap(Throwable e) {
        return new RtcException(Exit.FAILURE, "libpcap is not available (install libpcap0.8-dev): "
                + e.getMessage());
    }

    public int linkType() {
        return linkType;
    }

    public int snapLength() {
        return snapLength;
    }

    public String device() {
        return device;
    }

    /** Captures into {@code capture} until it is full, stopped or {@link #breakLoop()} is called. */
    public void run(Capture capture) throws IOException {
        IOException[] failure = new IOException[1];
        RawPacketListener listener = bytes -> {
            Timestamp ts = handle.getTimestamp();
            Integer original = handle.getOriginalLength();
            long nanos = ts.getTime() / 1000 * 1_000_000_000L + ts.getNanos();
            try {
                capture.offer(bytes, nanos, original == null ? bytes.length : original, linkType);
            } catch (IOException e) {
                failure[0] = e;
                capture.stop();
            }
            if (capture.full() || failure[0] != null) {
                breakLoop();
            }
        };
        try {
            handle.loop(-1, listener);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (PcapNativeException | NotOpenException e) {
            if (!capture.stopped()) {
                throw new RtcException(Exit.FAILURE, "capture on " + device + " failed: " + e.getMessage());
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /**
     * Ends {@link #run} once what the kernel holds has been read: libpcap hands over a block of packets when it
     * fills or after the 100 ms timeout, so breaking the loop at once would lose the last packets. Any thread.
     */
    public void stop() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            breakLoop();
        }, "rtc-capture-stop");
        t.setDaemon(true);
        t.start();
    }

    /** Ends {@link #run} now (from any thread). */
    public void breakLoop() {
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // already closed: nothing to break
        }
    }

    /** Packets the kernel dropped, or -1 when unknown. */
    public long dropped() {
        try {
            PcapStat s = handle.getStats();
            return s.getNumPacketsDropped();
        } catch (PcapNativeException | NotOpenException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        handle.close();
    }
}
