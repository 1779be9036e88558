package dev.rtc.dissect;

import java.util.ArrayList;
import java.util.List;

/**
 * Which payload dissector UDP and TCP try, in Wireshark's order: the dissector that claimed the conversation, then
 * the one registered on the lower port, then on the higher port, then the heuristics in their registration order;
 * what none takes is data.
 */
final class Handoff {
    private final Payload[] udpPorts = new Payload[65536];
    private final Payload[] tcpPorts = new Payload[65536];
    private final List<Payload> udpHeuristics = new ArrayList<>();
    private final List<Payload> tcpHeuristics = new ArrayList<>();
    /** Every registered dissector, its index the number that conversation tables store. */
    private final List<Payload> registered = new ArrayList<>();

    Handoff udpPort(int port, Payload p) {
        udpPorts[port] = register(p);
        return this;
    }

    Handoff tcpPort(int port, Payload p) {
        tcpPorts[port] = register(p);
        return this;
    }

    Handoff udpHeuristic(Payload p) {
        udpHeuristics.add(register(p));
        return this;
    }

    Handoff tcpHeuristic(Payload p) {
        tcpHeuristics.add(register(p));
        return this;
    }

    private Payload register(Payload p) {
        if (!registered.contains(p)) {
            registered.add(p);
        }
        return p;
    }

    /** The number that stands for a registered dissector in conversation tables. */
    int id(Payload p) {
        return registered.indexOf(p);
    }

    Payload byId(int id) {
        return registered.get(id);
    }

    /** The dissector registered on a UDP port (0 is never one), or null. */
    Payload udp(int port) {
        return port == 0 ? null : udpPorts[port];
    }

    Payload tcp(int port) {
        return port == 0 ? null : tcpPorts[port];
    }

    List<Payload> udpHeuristics() {
        return udpHeuristics;
    }

    List<Payload> tcpHeuristics() {
        return tcpHeuristics;
    }
}
