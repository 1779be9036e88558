#!/bin/sh
# The two-NAT lab of the ICE tests: hosts A and B, each alone on its LAN behind its own router, the routers joined
# by an "internet" namespace that holds the servers. Veth pairs are created inside the lab namespaces (nothing
# touches the root namespace); documentation addresses only. Both LANs use the same addresses, as two homes do:
#   A 192.0.2.10/24 -- RA 192.0.2.1 | RA 198.51.100.1/25 (+ 198.51.100.10, its 1:1 address) -- I 198.51.100.2
#   B 192.0.2.10/24 -- RB 192.0.2.1 | RB 198.51.100.129/25 (+ 198.51.100.138) -- I 198.51.100.130
#   I also holds 203.0.113.1 and 203.0.113.2 (a STUN server's two addresses) and 203.0.113.3 (a TURN server)
#   and routes everything else (the LANs included) into a link to nowhere, where it is dropped
# Each router's behaviour is one of natlab.sh's NAT types (that script sits next to this one).
# Usage: icelab.sh up LAB | icelab.sh nat LAB a|b TYPE | icelab.sh down LAB
set -eu
cmd=$1
lab=$2
here=$(dirname "$0")

up() {
    I=$lab-i
    ip netns add "$I"
    ip -n "$I" link set lo up
    for side in a b; do
        H=$lab-$side
        R=$lab-r$side
        if [ $side = a ]; then wan=198.51.100.1/25 public=198.51.100.10 inet=198.51.100.2/25
        else wan=198.51.100.129/25 public=198.51.100.138 inet=198.51.100.130/25; fi
        ip netns add "$H"
        ip netns add "$R"
        ip -n "$R" link add rc type veth peer name cr netns "$H"
        ip -n "$R" link add rs type veth peer name i$side netns "$I"
        for ns in "$H" "$R"; do ip -n "$ns" link set lo up; done
        ip -n "$H" addr add 192.0.2.10/24 dev cr
        ip -n "$H" link set cr up
        ip -n "$H" route add default via 192.0.2.1
        ip -n "$R" addr add 192.0.2.1/24 dev rc
        ip -n "$R" addr add $wan dev rs
        ip -n "$R" addr add $public/32 dev rs
        ip -n "$R" link set rc up
        ip -n "$R" link set rs up
        ip -n "$R" route add default via ${inet%/*}
        ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1
        ip -n "$I" addr add $inet dev i$side
        ip -n "$I" link set i$side up
    done
    for a in 203.0.113.1 203.0.113.2 203.0.113.3; do ip -n "$I" addr add $a/32 dev lo; done
    # the internet drops what is sent to LAN addresses, silently: a TURN server relaying to a peer's host
    # candidate must see its packet go, not "Network is unreachable" (coturn ends the allocation on that)
    # (a veth pair whose both ends stay in I: frames go out to a neighbour that no one is, and are dropped)
    ip -n "$I" link add nowhere type veth peer name nowhere-end
    ip -n "$I" link set nowhere up
    ip -n "$I" link set nowhere-end up
    ip -n "$I" neigh replace 203.0.113.254 lladdr 02:00:00:00:00:01 dev nowhere nud permanent
    ip -n "$I" route add default via 203.0.113.254 dev nowhere onlink
    ip netns exec "$I" sysctl -qw net.ipv4.ip_forward=1
    # every link up and every route in place before anyone sends (a test that starts earlier can see
    # "Network is unreachable")
    tries=0
    until ready; do
        tries=$((tries + 1))
        if [ $tries -ge 100 ]; then echo "icelab: links or routes not ready after 5 s" >&2; exit 1; fi
        sleep 0.05
    done
}

ready() {
    for side in a b; do
        for pair in "$lab-$side cr" "$lab-r$side rc" "$lab-r$side rs" "$lab-i i$side"; do
            set -- $pair
            ip -n "$1" -o link show "$2" | grep -q 'state UP' || return 1
        done
        ip -n "$lab-$side" route get 203.0.113.1 >/dev/null 2>&1 || return 1
        ip -n "$lab-r$side" route get 203.0.113.1 >/dev/null 2>&1 || return 1
    done
    ip -n "$lab-i" route get 198.51.100.10 >/dev/null 2>&1 || return 1
    ip -n "$lab-i" route get 198.51.100.138 >/dev/null 2>&1 || return 1
}

nat() {
    side=$1
    type=$2
    case $side in
        a) public=198.51.100.10 ;;
        b) public=198.51.100.138 ;;
        *) echo "icelab: side is a or b, not $side" >&2; exit 2 ;;
    esac
    NATLAB_ROUTER=$lab-r$side NATLAB_CLIENT=192.0.2.10 NATLAB_PUBLIC=$public sh "$here/natlab.sh" nat "$lab" "$type"
}

down() {
    for ns in a ra b rb i; do ip netns del "$lab-$ns" 2>/dev/null || true; done
}

shift 2
case $cmd in
    up) up ;;
    nat) nat "$@" ;;
    down) down ;;
    *) echo "usage: icelab.sh up|nat|down LAB [a|b TYPE]" >&2; exit 2 ;;
esac
