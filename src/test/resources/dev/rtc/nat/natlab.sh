#!/bin/sh
# The NAT lab: three network namespaces, client -- router -- server, joined by veth pairs created inside the lab
# namespaces (nothing touches the root namespace), documentation addresses only:
#   client 192.0.2.10/24 (LAN, router 192.0.2.1)
#   router public side 198.51.100.1/24 (+ 198.51.100.10 for the 1:1 NAT cases), server 198.51.100.2/24
#   server addresses 203.0.113.1 and 203.0.113.2 (primary and alternate of a STUN server)
# Usage: natlab.sh up LAB | natlab.sh nat LAB TYPE [loss] | natlab.sh down LAB
# TYPE: open full-cone restricted-cone port-restricted-cone symmetric symmetric-udp-firewall udp-blocked
# The rule sets serve other labs too: NATLAB_ROUTER (a router namespace whose LAN side is "rc" and WAN side "rs"),
# NATLAB_CLIENT (its one client) and NATLAB_PUBLIC (the 1:1 public address) override this lab's values for "nat".
set -eu
cmd=$1
lab=$2
C=$lab-c
R=${NATLAB_ROUTER:-$lab-r}
S=$lab-s
CLIENT=${NATLAB_CLIENT:-192.0.2.10}
PUBLIC=${NATLAB_PUBLIC:-198.51.100.10}

up() {
    ip netns add "$C"
    ip netns add "$R"
    ip netns add "$S"
    ip -n "$R" link add rc type veth peer name cr netns "$C"
    ip -n "$R" link add rs type veth peer name sr netns "$S"
    for ns in "$C" "$R" "$S"; do ip -n "$ns" link set lo up; done
    ip -n "$C" addr add 192.0.2.10/24 dev cr
    ip -n "$C" link set cr up
    ip -n "$C" route add default via 192.0.2.1
    ip -n "$R" addr add 192.0.2.1/24 dev rc
    ip -n "$R" addr add 198.51.100.1/24 dev rs
    ip -n "$R" addr add 198.51.100.10/32 dev rs
    ip -n "$R" link set rc up
    ip -n "$R" link set rs up
    ip -n "$R" route add 203.0.113.0/24 via 198.51.100.2
    ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1
    ip -n "$S" addr add 198.51.100.2/24 dev sr
    ip -n "$S" addr add 203.0.113.1/24 dev sr
    ip -n "$S" addr add 203.0.113.2/24 dev sr
    ip -n "$S" link set sr up
    ip -n "$S" route add default via 198.51.100.1
    # addresses are usable at once (no duplicate address detection delays on these links)
}

nat() {
    type=$1
    loss=${2:-}
    case $type in
        open)
            nat_rules=""
            filter_rules="" ;;
        full-cone)
            nat_rules="iifname \"rs\" ip daddr $PUBLIC dnat to $CLIENT"
            post_rules="oifname \"rs\" ip saddr $CLIENT snat to $PUBLIC"
            filter_rules="" ;;
        restricted-cone)
            nat_rules="iifname \"rs\" ip daddr $PUBLIC dnat to $CLIENT"
            post_rules="oifname \"rs\" ip saddr $CLIENT snat to $PUBLIC"
            filter_rules='iifname "rc" meta l4proto udp update @sent { ip daddr . udp sport }
        iifname "rs" meta l4proto udp ip saddr . udp dport @sent accept
        iifname "rs" drop' ;;
        port-restricted-cone)
            nat_rules=""
            post_rules='oifname "rs" masquerade'
            filter_rules='iifname "rs" ct state established,related accept
        iifname "rs" drop' ;;
        symmetric)
            nat_rules=""
            post_rules='oifname "rs" masquerade fully-random'
            filter_rules='iifname "rs" ct state established,related accept
        iifname "rs" drop' ;;
        symmetric-udp-firewall)
            nat_rules=""
            post_rules=""
            filter_rules='iifname "rs" ct state established,related accept
        iifname "rs" drop' ;;
        udp-blocked)
            # TCP still goes out, translated (a lab whose server has no route back to the LAN needs that)
            nat_rules=""
            post_rules='oifname "rs" masquerade'
            filter_rules='meta l4proto udp drop' ;;
        *) echo "natlab: unknown type $type" >&2; exit 2 ;;
    esac
    loss_rule=""
    if [ "$loss" = loss ]; then
        loss_rule='meta l4proto udp numgen random mod 10 0 drop'
    fi
    ip netns exec "$R" nft -f - <<NFT
flush ruleset
table ip lab {
    set sent {
        type ipv4_addr . inet_service
        flags dynamic, timeout
        timeout 2m
    }
    chain pre {
        type nat hook prerouting priority dstnat; policy accept;
        ${nat_rules:-}
    }
    chain post {
        type nat hook postrouting priority srcnat; policy accept;
        ${post_rules:-}
    }
    chain forward {
        type filter hook forward priority filter; policy accept;
        ${loss_rule}
        ${filter_rules}
    }
    chain input {
        type filter hook input priority filter; policy accept;
        iifname "rs" ct state established,related accept
        iifname "rs" drop
    }
}
NFT
    ip netns exec "$R" conntrack -F >/dev/null 2>&1 || true
}

down() {
    R=$lab-r
    for ns in "$C" "$R" "$S"; do ip netns del "$ns" 2>/dev/null || true; done
}

shift 2
case $cmd in
    up) up ;;
    nat) nat "$@" ;;
    down) down ;;
    *) echo "usage: natlab.sh up|nat|down LAB [TYPE [loss]]" >&2; exit 2 ;;
esac
