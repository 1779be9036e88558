/*
 * stun-load: a closed-loop STUN Binding load for bench/stun-server.sh. It keeps OUTSTANDING requests in flight
 * against one server (spread over SOCKETS client sockets, so a server that spreads flows over threads can use
 * them), sends the next request on a slot as soon as that slot's answer arrives, and after a warm-up counts the
 * answers and their latencies for the measured seconds. Loopback only: it refuses any other destination.
 *
 *   stun-load IP PORT [MEASURE_S [WARMUP_S [OUTSTANDING [SOCKETS]]]]   (defaults 8 2 32 4)
 *
 * Prints one line: "answers N seconds S rate R p50_us A p99_us B lost L" (lost: requests not answered within
 * 500 ms, which are sent again on a new transaction). Each request is a 20-byte RFC 5389 Binding request
 * without attributes, which every server measured answers.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define MAX_SLOTS 1024
#define BATCH 64
#define MAX_SOCKETS 64
#define HIST_US 1000000 /* one bucket per microsecond up to 1 s; slower answers land in the last */
#define LOST_NS 500000000LL

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000ULL + (uint64_t) t.tv_nsec;
}

struct slot {
    uint32_t seq;
    uint64_t sent;
};

static struct slot slots[MAX_SLOTS];
static uint32_t hist[HIST_US + 1];

static void request(unsigned char *m, int slot, uint32_t seq) {
    memset(m, 0, 20);
    m[0] = 0x00; m[1] = 0x01;               /* Binding request */
    m[4] = 0x21; m[5] = 0x12; m[6] = 0xA4; m[7] = 0x42; /* magic cookie */
    m[8] = (unsigned char) (slot >> 8); m[9] = (unsigned char) slot;
    memcpy(m + 10, &seq, 4);
    m[14] = 'r'; m[15] = 't'; m[16] = 'c'; m[17] = 'l'; m[18] = 'o'; m[19] = 'd';
}

static int send_slot(int fd, int slot, uint64_t t) {
    unsigned char m[20];
    slots[slot].seq++;
    slots[slot].sent = t;
    request(m, slot, slots[slot].seq);
    return (int) send(fd, m, sizeof m, MSG_DONTWAIT);
}

static uint64_t percentile(uint64_t count, double p) {
    uint64_t want = (uint64_t) (count * p), seen = 0;
    for (int i = 0; i <= HIST_US; i++) {
        seen += hist[i];
        if (seen > want) return (uint64_t) i;
    }
    return HIST_US;
}

/* user + system CPU seconds of this process so far */
static double cpu_seconds(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: stun-load IP PORT [MEASURE_S [WARMUP_S [OUTSTANDING [SOCKETS]]]]\n");
        return 2;
    }
    double measure = argc > 3 ? atof(argv[3]) : 8, warmup = argc > 4 ? atof(argv[4]) : 2;
    int outstanding = argc > 5 ? atoi(argv[5]) : 32, nsock = argc > 6 ? atoi(argv[6]) : 4;
    if (measure <= 0 || measure > 120 || warmup < 0 || warmup > 60 || outstanding < 1 || outstanding > MAX_SLOTS
            || nsock < 1 || nsock > MAX_SOCKETS || nsock > outstanding) {
        fprintf(stderr, "stun-load: MEASURE_S 0-120, WARMUP_S 0-60, OUTSTANDING 1-%d, SOCKETS 1-%d and <= OUTSTANDING\n",
                MAX_SLOTS, MAX_SOCKETS);
        return 2;
    }
    struct sockaddr_storage to;
    socklen_t tolen;
    memset(&to, 0, sizeof to);
    struct sockaddr_in *v4 = (struct sockaddr_in *) &to;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *) &to;
    int port = atoi(argv[2]);
    if (inet_pton(AF_INET, argv[1], &v4->sin_addr) == 1) {
        if ((ntohl(v4->sin_addr.s_addr) >> 24) != 127) {
            fprintf(stderr, "stun-load: %s is not a loopback address\n", argv[1]);
            return 2;
        }
        v4->sin_family = AF_INET; v4->sin_port = htons((uint16_t) port); tolen = sizeof *v4;
    } else if (inet_pton(AF_INET6, argv[1], &v6->sin6_addr) == 1 && IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)) {
        v6->sin6_family = AF_INET6; v6->sin6_port = htons((uint16_t) port); tolen = sizeof *v6;
    } else {
        fprintf(stderr, "stun-load: %s is not a loopback address\n", argv[1]);
        return 2;
    }
    int fds[MAX_SOCKETS];
    struct pollfd pfd[MAX_SOCKETS];
    for (int s = 0; s < nsock; s++) {
        fds[s] = socket(to.ss_family, SOCK_DGRAM, 0);
        if (fds[s] < 0 || connect(fds[s], (struct sockaddr *) &to, tolen) < 0) {
            perror("stun-load: socket");
            return 1;
        }
        pfd[s].fd = fds[s];
        pfd[s].events = POLLIN;
    }
    /* slot i belongs to socket i % nsock */
    uint64_t start = now_ns();
    for (int i = 0; i < outstanding; i++) send_slot(fds[i % nsock], i, start);
    uint64_t measure_from = start + (uint64_t) (warmup * 1e9), end = measure_from + (uint64_t) (measure * 1e9);
    uint64_t answers = 0, lost = 0, last_sweep = start;
    static unsigned char rbuf[BATCH][2048], sbuf[BATCH][20];
    static struct mmsghdr rmsg[BATCH], smsg[BATCH];
    static struct iovec riov[BATCH], siov[BATCH];
    for (int k = 0; k < BATCH; k++) {
        riov[k].iov_base = rbuf[k]; riov[k].iov_len = sizeof rbuf[k];
        rmsg[k].msg_hdr.msg_iov = &riov[k]; rmsg[k].msg_hdr.msg_iovlen = 1;
        siov[k].iov_base = sbuf[k]; siov[k].iov_len = sizeof sbuf[k];
        smsg[k].msg_hdr.msg_iov = &siov[k]; smsg[k].msg_hdr.msg_iovlen = 1;
    }
    double cpu_from = -1;
    for (;;) {
        uint64_t t = now_ns();
        if (t >= end) break;
        if (cpu_from < 0 && t >= measure_from) cpu_from = cpu_seconds();
        int n = poll(pfd, (nfds_t) nsock, 50);
        if (n < 0 && errno != EINTR) { perror("stun-load: poll"); return 1; }
        for (int s = 0; s < nsock && n > 0; s++) {
            if (!(pfd[s].revents & (POLLIN | POLLERR))) continue;
            /* answers come in batches (recvmmsg) and the next requests go out in one sendmmsg, so the load
               tool spends few system calls per answer and the server, not the tool, sets the pace */
            for (;;) {
                int got_n = recvmmsg(fds[s], rmsg, BATCH, MSG_DONTWAIT, NULL);
                if (got_n <= 0) break; /* EAGAIN, or ECONNREFUSED while the server is not up yet */
                uint64_t got = now_ns();
                int out = 0;
                for (int k = 0; k < got_n; k++) {
                    unsigned char *buf = rbuf[k];
                    unsigned len = rmsg[k].msg_len;
                    if (len < 20 || buf[0] != 0x01) continue; /* only responses count */
                    int slot = (buf[8] << 8) | buf[9];
                    uint32_t seq;
                    memcpy(&seq, buf + 10, 4);
                    if (slot >= outstanding || slot % nsock != s || seq != slots[slot].seq) continue;
                    if (got >= measure_from && slots[slot].sent >= measure_from && got < end) {
                        uint64_t us = (got - slots[slot].sent) / 1000;
                        hist[us > HIST_US ? HIST_US : us]++;
                        answers++;
                    }
                    slots[slot].seq++;
                    slots[slot].sent = got;
                    request(sbuf[out], slot, slots[slot].seq);
                    out++;
                }
                if (out > 0) sendmmsg(fds[s], smsg, (unsigned) out, MSG_DONTWAIT);
                if (got_n < BATCH) break;
            }
        }
        t = now_ns();
        if (t - last_sweep > 50000000ULL) {
            last_sweep = t;
            for (int i = 0; i < outstanding; i++) {
                if (t - slots[i].sent > LOST_NS) {
                    if (slots[i].sent >= measure_from) lost++;
                    send_slot(fds[i % nsock], i, t);
                }
            }
        }
    }
    /* the tool's own CPU over the counted seconds: near `seconds` means the tool, not the server, set the pace */
    double cpu = cpu_seconds() - (cpu_from < 0 ? 0 : cpu_from);
    printf("answers %llu seconds %.1f rate %.0f p50_us %llu p99_us %llu lost %llu load_cpu_s %.2f\n",
           (unsigned long long) answers, measure, answers / measure,
           (unsigned long long) percentile(answers, 0.50), (unsigned long long) percentile(answers, 0.99),
           (unsigned long long) lost, cpu);
    return answers > 0 ? 0 : 1;
}
