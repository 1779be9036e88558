package dev.rtc.ice;

import dev.rtc.net.RetransmitPolicy;
import dev.rtc.net.StreamConnection;
import dev.rtc.net.StunClient;
import dev.rtc.net.StunTransactionException;
import dev.rtc.net.UdpEndpoint;
import dev.rtc.turn.AllocateMachine;
import dev.rtc.turn.Allocation;
import dev.rtc.turn.TurnClient;
import dev.rtc.turn.TurnRequestException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --check-relay}: proves a TURN server's data path, not just its allocations. Two allocations A and B on
 * the same server, each with a permission for and a channel bound to the other's relayed address; A sends
 * numbered packets on its channel, the server relays them from A's relayed address to B's, B echoes each back,
 * and A measures what came back and how long it took.
 */
final class RelayChecker {
    static final int CHANNEL_A = 0x4000;
    static final int CHANNEL_B = 0x4001;
    private static final Duration SPACING = Duration.ofMillis(10);
    private static final Duration LINGER = Duration.ofSeconds(1);
    private static final int PAYLOAD = 16;

    private final Gatherer.Run run;

    RelayChecker(Gatherer.Run run) {
        this.run = run;
    }

    /** Checks every TURN URL that gave an allocation, in parallel. */
    List<RelayCheck> checkAll(List<ServerVerdict> verdicts, ExecutorService workers) throws InterruptedException {
        Map<String, Future<RelayCheck>> checks = new LinkedHashMap<>();
        for (ServerVerdict v : verdicts) {
            if (v.ok() && v.relayed() != null && !checks.containsKey(v.url())) {
                IceServerUri uri = IceServerUri.parse(v.url());
                InetAddress local = v.base() == null ? null : v.base().getAddress();
                checks.put(v.url(), workers.submit(() -> check(uri, local)));
            }
        }
        List<RelayCheck> out = new ArrayList<>();
        for (Map.Entry<String, Future<RelayCheck>> e : checks.entrySet()) {
            try {
                out.add(e.getValue().get(run.remaining().toMillis() + LINGER.toMillis() + 500, TimeUnit.MILLISECONDS));
            } catch (ExecutionException | TimeoutException ex) {
                e.getValue().cancel(true);
                out.add(failed(e.getKey(), "no result within the --timeout"));
            }
        }
        return out;
    }

    private RelayCheck check(IceServerUri uri, InetAddress local) throws InterruptedException {
        long start = run.clock().nanoTime();
        RelayCheck c = checkOnce(uri, local);
        return c.took((run.clock().nanoTime() - start) / 1000);
    }

    private RelayCheck checkOnce(IceServerUri uri, InetAddress local) throws InterruptedException {
        List<AutoCloseable> open = new ArrayList<>();
        List<TurnClient> allocated = new ArrayList<>();
        try {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(uri.host()), uri.port());
            TurnClient a = client(uri, server, local, open);
            TurnClient b = client(uri, server, local, open);
            Allocation ra = allocate(a, "first", allocated);
            Allocation rb = allocate(b, "second", allocated);
            a.createPermission(rb.relayed());
            b.createPermission(ra.relayed());
            a.channelBind(CHANNEL_A, rb.relayed());
            b.channelBind(CHANNEL_B, ra.relayed());
            return echo(uri, a, b);
        } catch (TurnRequestException | StunTransactionException | IOException e) {
            return failed(uri.text(), e.getMessage());
        } finally {
            RetransmitPolicy quick = RetransmitPolicy.of(run.options.rto(), 3, 2).cappedAt(Duration.ofMillis(800));
            for (TurnClient c : allocated) {
                c.release(quick);
            }
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // the check is over; closing cannot change its result
                }
            }
        }
    }

    private TurnClient client(IceServerUri uri, InetSocketAddress server, InetAddress local,
                              List<AutoCloseable> open) throws IOException {
        StunClient client;
        if (uri.transport() == IceServerUri.Transport.UDP) {
            UdpEndpoint e = UdpEndpoint.bind(new InetSocketAddress(local, 0));
            open.add(e);
            client = StunClient.over(e, run.scheduler, run.clock());
        } else {
            InetSocketAddress from = local == null ? null : new InetSocketAddress(local, 0);
            StreamConnection c = StreamConnection.connect(from, server, run.remaining(),
                    uri.transport() == IceServerUri.Transport.TLS ? run.options.tls(uri) : null, run.clock());
            open.add(c);
            client = StunClient.over(c, run.scheduler, run.clock());
        }
        return new TurnClient(client, server, run.options.credentials(), run::policy);
    }

    private static Allocation allocate(TurnClient c, String which, List<TurnClient> allocated)
            throws StunTransactionException, InterruptedException, TurnRequestException {
        AllocateMachine.Step step = c.allocate(false);
        if (step instanceof AllocateMachine.Allocated a) {
            allocated.add(c);
            return a.allocation();
        }
        String why = step instanceof AllocateMachine.Failed f ? f.detail() : "redirected";
        throw new TurnRequestException("the " + which + " allocation failed: " + why, 0);
    }

    private RelayCheck echo(IceServerUri uri, TurnClient a, TurnClient b) throws IOException, InterruptedException {
        int n = run.options.checkPackets();
        long[] sentAt = new long[n];
        Map<Integer, Long> rtts = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(n);
        b.onChannelData(cd -> {
            if (cd.channel() == CHANNEL_B) {
                try {
                    b.sendChannelData(CHANNEL_B, cd.data());
                } catch (IOException ignored) {
                    // an echo that cannot be sent is a lost packet
                }
            }
        });
        a.onChannelData(cd -> {
            byte[] d = cd.data();
            if (cd.channel() != CHANNEL_A || d.length != PAYLOAD) {
                return;
            }
            int seq = ByteBuffer.wrap(d).getInt();
            if (seq >= 0 && seq < n && rtts.putIfAbsent(seq, run.clock().nanoTime() - sentAt[seq]) == null) {
                all.countDown();
            }
        });
        for (int i = 0; i < n; i++) {
            sentAt[i] = run.clock().nanoTime();
            a.sendChannelData(CHANNEL_A, ByteBuffer.allocate(PAYLOAD).putInt(i).putLong(sentAt[i]).array());
            if (i + 1 < n) {
                Thread.sleep(SPACING.toMillis());
            }
        }
        long wait = Math.min(LINGER.toNanos(), Math.max(run.remaining().toNanos(), 200_000_000L));
        all.await(wait, TimeUnit.NANOSECONDS);
        List<Long> got = new ArrayList<>(rtts.values());
        if (got.isEmpty()) {
            return new RelayCheck(uri.text(), n, 0, 0, 0, 0, null);
        }
        long min = got.stream().mapToLong(Long::longValue).min().orElse(0) / 1000;
        long max = got.stream().mapToLong(Long::longValue).max().orElse(0) / 1000;
        long avg = (long) got.stream().mapToLong(Long::longValue).average().orElse(0) / 1000;
        return new RelayCheck(uri.text(), n, got.size(), min, avg, max, null);
    }

    private static RelayCheck failed(String url, String why) {
        return new RelayCheck(url, 0, 0, 0, 0, 0, why);
    }

}
