/*
 * New TCP connections per second, for bench/ebpf-dataplane.sh.
 *
 *   connrate serve PORT SECONDS
 *       accepts and closes connections on PORT for SECONDS, then exits.
 *   connrate connect SERVER PORT SECONDS INFLIGHT SOURCE...
 *       keeps INFLIGHT non-blocking connects open, taking the source addresses in turn; each
 *       connection that completes its handshake is counted and reset at once (SO_LINGER 0, so no
 *       TIME_WAIT piles up); prints "connections N failed F seconds S rate R".
 *
 * A connect whose SYN a filter drops is retried by the kernel and only ends in a failure after
 * the run, so a filter that refuses the client shows as a low rate, never as a high one.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void die(const char *what) {
	perror(what);
	exit(2);
}

static int serve(int port, double seconds) {
	int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int one = 1;
	if (listener < 0) die("socket");
	setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
	if (bind(listener, (struct sockaddr *)&address, sizeof address) < 0) die("bind");
	if (listen(listener, 4096) < 0) die("listen");
	int poller = epoll_create1(0);
	struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
	epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
	double end = now() + seconds;
	long accepted = 0;
	while (now() < end) {
		struct epoll_event ready;
		if (epoll_wait(poller, &ready, 1, 100) <= 0) continue;
		for (;;) {
			int connection = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
			if (connection < 0) break;
			close(connection);
			accepted++;
		}
	}
	fprintf(stderr, "connrate serve: accepted %ld\n", accepted);
	return 0;
}

struct source {
	struct sockaddr_in address;
};

static int start(int poller, struct sockaddr_in *server, struct source *source) {
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int one = 1;
	if (fd < 0) die("socket");
	/* the port is chosen at connect time, per destination: many more connections per source */
	setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&source->address, sizeof source->address) < 0) die("bind source");
	if (connect(fd, (struct sockaddr *)server, sizeof *server) < 0 && errno != EINPROGRESS) die("connect");
	struct epoll_event event = {.events = EPOLLOUT, .data.fd = fd};
	if (epoll_ctl(poller, EPOLL_CTL_ADD, fd, &event) < 0) die("epoll_ctl");
	return fd;
}

static void reset(int fd) {
	struct linger abort_close = {.l_onoff = 1, .l_linger = 0};
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_close, sizeof abort_close);
	close(fd);
}

static int connect_loop(const char *server_text, int port, double seconds, int inflight, int count, char **texts) {
	struct sockaddr_in server = {.sin_family = AF_INET, .sin_port = htons(port)};
	if (inet_pton(AF_INET, server_text, &server.sin_addr) != 1) die("server address");
	struct source *sources = calloc(count, sizeof *sources);
	for (int i = 0; i < count; i++) {
		sources[i].address.sin_family = AF_INET;
		if (inet_pton(AF_INET, texts[i], &sources[i].address.sin_addr) != 1) die("source address");
	}
	int poller = epoll_create1(0);
	int next = 0;
	for (int i = 0; i < inflight; i++) start(poller, &server, &sources[next++ % count]);
	long done = 0, failed = 0;
	double begin = now(), end = begin + seconds;
	struct epoll_event ready[256];
	while (now() < end) {
		int n = epoll_wait(poller, ready, 256, 50);
		for (int i = 0; i < n; i++) {
			int fd = ready[i].data.fd, error = 0;
			socklen_t length = sizeof error;
			getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
			if (error == 0) done++;
			else failed++;
			epoll_ctl(poller, EPOLL_CTL_DEL, fd, NULL);
			reset(fd);
			start(poller, &server, &sources[next++ % count]);
		}
	}
	double elapsed = now() - begin;
	printf("connections %ld failed %ld seconds %.3f rate %.0f\n", done, failed, elapsed, done / elapsed);
	return 0;
}

int main(int argc, char **argv) {
	if (argc >= 4 && strcmp(argv[1], "serve") == 0) return serve(atoi(argv[2]), atof(argv[3]));
	if (argc >= 7 && strcmp(argv[1], "connect") == 0)
		return connect_loop(argv[2], atoi(argv[3]), atof(argv[4]), atoi(argv[5]), argc - 6, argv + 6);
	fprintf(stderr, "usage: connrate serve PORT SECONDS | connect SERVER PORT SECONDS INFLIGHT SOURCE...\n");
	return 2;
}
