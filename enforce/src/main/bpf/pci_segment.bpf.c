// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * pci-segment TC data plane. Attached to clsact ingress and egress of the enforced interfaces.
 * Parses the packet, then decides with map lookups only (layout: pci_segment.h). Every policy
 * decision is made in Java and written into the maps; this program never reads a policy.
 *
 * Verdict order:
 *   1. ARP and other non-IP frames pass; IPv6 neighbour discovery and MLD pass.
 *   2. An IP header too short to read the addresses is dropped.
 *   3. A packet of a connection in the conns table passes (both directions: the key is
 *      normalised); an ICMP error about such a connection passes.
 *   4. The source's egress and the destination's ingress are judged, as RuleSet.decide does:
 *      an end that is not a subject, or does not restrict that direction, allows; a restricted
 *      end allows only if a peers/ports entry (or a management exception) admits the packet.
 *      Non-first fragments and unparsable packets can never be admitted by a rule: they pass
 *      only when neither end is restricted.
 *   5. Allowed packets that touch a restricted subject are recorded in conns, so the replies
 *      pass; denied packets are counted and reported on the ring buffer (rate-limited).
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "pci_segment.h"

/* Allowed packets continue down the filter chain (other TC programs may still act). */
#define PCI_PASS TC_ACT_UNSPEC
#define PCI_DROP TC_ACT_SHOT

#define PCI_MAX_EXT_HEADERS 8
#define PCI_MAX_VLAN_TAGS 2

#ifndef PCI_MAX_SUBJECT_PREFIXES
#define PCI_MAX_SUBJECT_PREFIXES 65536
#endif
#ifndef PCI_MAX_PEER_PREFIXES
#define PCI_MAX_PEER_PREFIXES 2097152
#endif
#ifndef PCI_MAX_PORT_PREFIXES
#define PCI_MAX_PORT_PREFIXES 2097152
#endif
#ifndef PCI_MAX_COUNTERS
#define PCI_MAX_COUNTERS 262144
#endif
#ifndef PCI_MAX_CONNS
#define PCI_MAX_CONNS 131072
#endif

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, PCI_MAX_SUBJECT_PREFIXES);
	__type(key, struct pci_addr_key);
	__type(value, struct pci_subject);
} subjects SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, PCI_MAX_PEER_PREFIXES);
	__type(key, struct pci_peer_key);
	__type(value, __u32);
} peers SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, PCI_MAX_PORT_PREFIXES);
	__type(key, struct pci_port_key);
	__type(value, __u32);
} ports SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, PCI_MAX_COUNTERS);
	__type(key, __u32);
	__type(value, struct pci_counter);
} counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, PCI_MAX_COUNTERS);
	__type(key, __u32);
	__type(value, struct pci_rule_info);
} rule_info SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, PCI_MAX_CONNS);
	__type(key, struct pci_conn_key);
	__type(value, struct pci_conn_value);
} conns SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct pci_config);
} config SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct pci_bucket);
} event_bucket SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

/* What the parser could tell about an IP packet. */
enum shape {
	SHAPE_PORTS = 0,   /* TCP/UDP/SCTP with both ports */
	SHAPE_NO_PORTS,    /* a protocol without ports (ICMP echo, ESP, ...): no rule can admit it */
	SHAPE_ICMP_ERROR,  /* ICMP error; inner_key holds the connection it is about */
	SHAPE_FRAGMENT,    /* non-first fragment: ports unknown */
	SHAPE_MALFORMED,   /* truncated or inconsistent after the addresses */
	SHAPE_NEIGHBOUR,   /* IPv6 neighbour discovery / MLD: always passes */
	SHAPE_TRUNCATED_IP /* not even the addresses could be read */
};

struct packet {
	__u8 src[16];
	__u8 dst[16];
	__u16 sport; /* host byte order */
	__u16 dport;
	__u8 family;
	__u8 protocol;
	__u8 shape;
	__u8 tcp_flags;
	__u8 fragmented; /* a fragment header or MF bit was seen (first fragment) */
	__u8 hop_limit;
	struct pci_conn_key inner_key; /* SHAPE_ICMP_ERROR only */
};

#define TCP_FIN 0x01
#define TCP_RST 0x04

static __always_inline void count(__u32 id, struct __sk_buff *skb)
{
	struct pci_counter *c = bpf_map_lookup_elem(&counters, &id);

	if (c) {
		c->packets++;
		c->bytes += skb->len;
	}
}

static __always_inline void map_ipv4(__u8 *out, __be32 address)
{
	__builtin_memset(out, 0, 10);
	out[10] = 0xff;
	out[11] = 0xff;
	__builtin_memcpy(out + 12, &address, 4);
}

static __always_inline int addr_cmp(const __u8 *a, const __u8 *b)
{
#pragma unroll
	for (int i = 0; i < 16; i++) {
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	}
	return 0;
}

static __always_inline int addr_eq(const __u8 *a, const __u8 *b)
{
	return addr_cmp(a, b) == 0;
}

/* The connection key of a 5-tuple: the lower (address, port) end first. Returns 1 when the
 * given source is the lower end. */
static __always_inline int conn_key(struct pci_conn_key *key, const __u8 *src, const __u8 *dst,
				    __u16 sport, __u16 dport, __u8 protocol)
{
	int c = addr_cmp(src, dst);
	int src_low = c < 0 || (c == 0 && sport <= dport);

	__builtin_memset(key, 0, sizeof(*key));
	if (src_low) {
		__builtin_memcpy(key->low_addr, src, 16);
		__builtin_memcpy(key->high_addr, dst, 16);
		key->low_port = sport;
		key->high_port = dport;
	} else {
		__builtin_memcpy(key->low_addr, dst, 16);
		__builtin_memcpy(key->high_addr, src, 16);
		key->low_port = dport;
		key->high_port = sport;
	}
	key->protocol = protocol;
	return src_low;
}

static __always_inline int has_ports(__u8 protocol)
{
	return protocol == IPPROTO_TCP || protocol == IPPROTO_UDP || protocol == IPPROTO_SCTP;
}

/* Transport header at off: ports (and TCP flags). */
static __always_inline void parse_ports(struct __sk_buff *skb, __u32 off, struct packet *p)
{
	__u8 l4[14];

	if (p->protocol == IPPROTO_TCP) {
		if (bpf_skb_load_bytes(skb, off, l4, 14) < 0) {
			p->shape = SHAPE_MALFORMED;
			return;
		}
		p->tcp_flags = l4[13];
	} else if (bpf_skb_load_bytes(skb, off, l4, 4) < 0) {
		p->shape = SHAPE_MALFORMED;
		return;
	}
	p->sport = ((__u16)l4[0] << 8) | l4[1];
	p->dport = ((__u16)l4[2] << 8) | l4[3];
	p->shape = SHAPE_PORTS;
}

/* The connection an ICMP error is about: the quoted IP header and the first bytes of its
 * transport header, starting at off. The error must be addressed to the quoted packet's sender. */
static __always_inline void parse_quoted(struct __sk_buff *skb, __u32 off, struct packet *p)
{
	__u8 src[16], dst[16], ports[4], protocol;
	__u32 l4;

	p->shape = SHAPE_NO_PORTS; /* unless the quote names a connection */
	if (p->family == 4) {
		__u8 ip[20];

		if (bpf_skb_load_bytes(skb, off, ip, 20) < 0 || (ip[0] >> 4) != 4 || (ip[0] & 0xf) < 5)
			return;
		protocol = ip[9];
		map_ipv4(src, *(__be32 *)&ip[12]);
		map_ipv4(dst, *(__be32 *)&ip[16]);
		l4 = off + (ip[0] & 0xf) * 4;
	} else {
		__u8 ip[40];

		if (bpf_skb_load_bytes(skb, off, ip, 40) < 0 || (ip[0] >> 4) != 6)
			return;
		protocol = ip[6];
		__builtin_memcpy(src, &ip[8], 16);
		__builtin_memcpy(dst, &ip[24], 16);
		l4 = off + 40;
	}
	if (!has_ports(protocol) || !addr_eq(src, p->dst))
		return;
	if (bpf_skb_load_bytes(skb, l4, ports, 4) < 0)
		return;
	conn_key(&p->inner_key, src, dst, ((__u16)ports[0] << 8) | ports[1],
		 ((__u16)ports[2] << 8) | ports[3], protocol);
	p->shape = SHAPE_ICMP_ERROR;
}

static __always_inline void parse_upper(struct __sk_buff *skb, __u32 off, struct packet *p)
{
	__u8 icmp[2];

	if (has_ports(p->protocol)) {
		parse_ports(skb, off, p);
		return;
	}
	p->shape = SHAPE_NO_PORTS;
	if (p->family == 4 && p->protocol == IPPROTO_ICMP) {
		if (bpf_skb_load_bytes(skb, off, icmp, 2) < 0) {
			p->shape = SHAPE_MALFORMED;
			return;
		}
		/* destination unreachable, time exceeded, parameter problem */
		if (icmp[0] == 3 || icmp[0] == 11 || icmp[0] == 12)
			parse_quoted(skb, off + 8, p);
	} else if (p->family == 6 && p->protocol == IPPROTO_ICMPV6) {
		if (bpf_skb_load_bytes(skb, off, icmp, 2) < 0) {
			p->shape = SHAPE_MALFORMED;
			return;
		}
		__u8 type = icmp[0];

		/* RFC 4861 neighbour discovery (hop limit 255, never fragmented, RFC 6980) */
		if (type >= 133 && type <= 137 && p->hop_limit == 255 && !p->fragmented)
			p->shape = SHAPE_NEIGHBOUR;
		/* MLD / MLDv2 (hop limit 1): solicited-node multicast membership for ND */
		else if ((type == 130 || type == 131 || type == 132 || type == 143) &&
			 p->hop_limit == 1 && !p->fragmented)
			p->shape = SHAPE_NEIGHBOUR;
		/* destination unreachable, packet too big, time exceeded, parameter problem */
		else if (type >= 1 && type <= 4)
			parse_quoted(skb, off + 8, p);
	}
}

static __always_inline void parse_ipv4(struct __sk_buff *skb, __u32 off, struct packet *p)
{
	__u8 ip[20];

	if (bpf_skb_load_bytes(skb, off, ip, 20) < 0 || (ip[0] >> 4) != 4) {
		p->shape = SHAPE_TRUNCATED_IP;
		return;
	}
	p->family = 4;
	map_ipv4(p->src, *(__be32 *)&ip[12]);
	map_ipv4(p->dst, *(__be32 *)&ip[16]);
	p->protocol = ip[9];
	p->hop_limit = ip[8];

	__u32 header = (ip[0] & 0xf) * 4;
	__u16 total = ((__u16)ip[2] << 8) | ip[3];
	__u16 frag = ((__u16)ip[6] << 8) | ip[7];

	if (header < 20 || total < header) {
		p->shape = SHAPE_MALFORMED;
		return;
	}
	if (frag & 0x1fff) {
		p->shape = SHAPE_FRAGMENT;
		return;
	}
	p->fragmented = (frag & 0x2000) != 0;
	parse_upper(skb, off + header, p);
}

static __always_inline void parse_ipv6(struct __sk_buff *skb, __u32 off, struct packet *p)
{
	__u8 ip[40];

	if (bpf_skb_load_bytes(skb, off, ip, 40) < 0 || (ip[0] >> 4) != 6) {
		p->shape = SHAPE_TRUNCATED_IP;
		return;
	}
	p->family = 6;
	__builtin_memcpy(p->src, &ip[8], 16);
	__builtin_memcpy(p->dst, &ip[24], 16);
	p->hop_limit = ip[7];

	__u8 next = ip[6];

	off += 40;
	/* Walk at most PCI_MAX_EXT_HEADERS extension headers; a longer chain is unparsable. */
	for (int i = 0; i < PCI_MAX_EXT_HEADERS; i++) {
		__u8 ext[8];

		switch (next) {
		case IPPROTO_HOPOPTS:
		case IPPROTO_ROUTING:
		case IPPROTO_DSTOPTS:
			if (bpf_skb_load_bytes(skb, off, ext, 2) < 0) {
				p->shape = SHAPE_MALFORMED;
				return;
			}
			next = ext[0];
			off += ((__u32)ext[1] + 1) * 8;
			continue;
		case IPPROTO_AH:
			if (bpf_skb_load_bytes(skb, off, ext, 2) < 0) {
				p->shape = SHAPE_MALFORMED;
				return;
			}
			next = ext[0];
			off += ((__u32)ext[1] + 2) * 4;
			continue;
		case IPPROTO_FRAGMENT:
			if (bpf_skb_load_bytes(skb, off, ext, 8) < 0) {
				p->shape = SHAPE_MALFORMED;
				return;
			}
			next = ext[0];
			off += 8;
			p->fragmented = 1;
			if (((((__u16)ext[2] << 8) | ext[3]) & 0xfff8) != 0) {
				p->protocol = next;
				p->shape = SHAPE_FRAGMENT;
				return;
			}
			continue;
		default:
			p->protocol = next;
			parse_upper(skb, off, p);
			return;
		}
	}
	p->protocol = next;
	p->shape = SHAPE_MALFORMED;
}

static __always_inline void parse(struct __sk_buff *skb, struct packet *p, int *is_ip)
{
	__u8 eth[4];
	__u32 off = 12;
	__u16 type;

	*is_ip = 0;
	if (bpf_skb_load_bytes(skb, off, eth, 2) < 0)
		return;
	type = ((__u16)eth[0] << 8) | eth[1];
	off = 14;
#pragma unroll
	for (int i = 0; i < PCI_MAX_VLAN_TAGS; i++) {
		if (type != ETH_P_8021Q && type != ETH_P_8021AD)
			break;
		if (bpf_skb_load_bytes(skb, off, eth, 4) < 0)
			return;
		type = ((__u16)eth[2] << 8) | eth[3];
		off += 4;
	}
	if (type == ETH_P_IP) {
		*is_ip = 1;
		parse_ipv4(skb, off, p);
	} else if (type == ETH_P_IPV6) {
		*is_ip = 1;
		parse_ipv6(skb, off, p);
	}
}

static __always_inline int take_event_token(const struct pci_config *cfg, __u64 now)
{
	__u32 zero = 0;
	struct pci_bucket *b = bpf_map_lookup_elem(&event_bucket, &zero);

	if (!b)
		return 0;
	__u64 credit = b->credit_ns + (now - b->last_ns);

	if (credit > cfg->event_burst_ns)
		credit = cfg->event_burst_ns;
	b->last_ns = now;
	if (credit < cfg->event_interval_ns) {
		b->credit_ns = credit;
		return 0;
	}
	b->credit_ns = credit - cfg->event_interval_ns;
	return 1;
}

/* A fixed reason, counted under the id of the hook that saw the packet. */
static __always_inline void count_fixed(__u32 id, __u8 hook, struct __sk_buff *skb)
{
	count(id + hook * PCI_CNT_HOOK_STRIDE, skb);
}

static __always_inline void report(struct __sk_buff *skb, const struct pci_config *cfg, __u64 now,
				   __u8 hook, __u8 reason, __u32 counter, const struct packet *p)
{
	if (!take_event_token(cfg, now)) {
		count_fixed(PCI_CNT_EVENTS_SUPPRESSED, hook, skb);
		return;
	}
	struct pci_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e) {
		count_fixed(PCI_CNT_EVENTS_LOST, hook, skb);
		return;
	}
	e->timestamp_ns = now;
	e->ifindex = skb->ifindex;
	e->counter = counter;
	e->hook = hook;
	e->reason = reason;
	e->family = p->family;
	e->protocol = p->protocol;
	e->source_port = p->shape == SHAPE_PORTS ? p->sport : 0;
	e->destination_port = p->shape == SHAPE_PORTS ? p->dport : 0;
	__builtin_memcpy(e->source, p->src, 16);
	__builtin_memcpy(e->destination, p->dst, 16);
	bpf_ringbuf_submit(e, 0);
}

/* The counter of the rule of rule_set that admits (protocol, peer, port) in direction, or -1. */
static __always_inline __s64 admitted_by(__u32 rule_set, __u8 direction, __u8 protocol,
					 const __u8 *peer, __u16 port)
{
	struct pci_peer_key key = {
		.prefixlen = 64 + 128,
		.rule_set = rule_set,
		.direction = direction,
		.protocol = protocol,
	};

	__builtin_memcpy(key.addr, peer, 16);
	__u32 *table = bpf_map_lookup_elem(&peers, &key);

	if (!table)
		return -1;
	struct pci_port_key port_key = {
		.prefixlen = 32 + 16,
		.table = *table,
		.port = bpf_htons(port),
	};
	__u32 *counter = bpf_map_lookup_elem(&ports, &port_key);

	return counter ? (__s64)*counter : -1;
}

/*
 * The counter that admits the packet at a restricted end, or -1: a rule of the end's rule set for
 * this direction, else a management exception. A management entry names a remote prefix and a
 * local service port; it admits the session both ways (the peer's packets to that port arriving,
 * the service's packets from that port leaving), so an admin session needs no tracked state.
 */
static __always_inline __s64 admitted_at(const struct pci_subject *s, __u8 direction,
					 const struct packet *p)
{
	if (p->shape != SHAPE_PORTS)
		return -1;
	const __u8 *remote = direction == PCI_DIR_INGRESS ? p->src : p->dst;
	__u16 local_port = direction == PCI_DIR_INGRESS ? p->dport : p->sport;
	__s64 c = admitted_by(s->rule_set[direction], direction, p->protocol, remote, p->dport);

	if (c >= 0)
		return c;
	return admitted_by(PCI_MANAGEMENT_RULE_SET, PCI_DIR_INGRESS, p->protocol, remote, local_port);
}

static __always_inline __u64 conn_timeout(const struct pci_config *cfg, __u8 protocol, __u32 flags)
{
	if (protocol != IPPROTO_TCP)
		return cfg->other_timeout_ns;
	return (flags & PCI_CONN_CLOSING) ? cfg->tcp_closing_timeout_ns : cfg->tcp_timeout_ns;
}

static __always_inline int judge(struct __sk_buff *skb, __u8 hook)
{
	struct packet p = {};
	int is_ip;

	parse(skb, &p, &is_ip);
	if (!is_ip) {
		count_fixed(PCI_CNT_NOT_IP, hook, skb);
		return PCI_PASS;
	}
	if (p.shape == SHAPE_TRUNCATED_IP) {
		count_fixed(PCI_CNT_TRUNCATED_IP, hook, skb);
		return PCI_DROP;
	}
	if (p.shape == SHAPE_NEIGHBOUR) {
		count_fixed(PCI_CNT_NEIGHBOUR, hook, skb);
		return PCI_PASS;
	}

	__u32 zero = 0;
	const struct pci_config *cfg = bpf_map_lookup_elem(&config, &zero);

	if (!cfg)
		return PCI_DROP;
	__u64 now = bpf_ktime_get_ns();
	struct pci_conn_key key;
	int src_low = 0;

	if (p.shape == SHAPE_PORTS) {
		src_low = conn_key(&key, p.src, p.dst, p.sport, p.dport, p.protocol);
		struct pci_conn_value *conn = bpf_map_lookup_elem(&conns, &key);

		if (conn && now - conn->last_seen_ns < conn_timeout(cfg, p.protocol, conn->flags)) {
			if (p.protocol == IPPROTO_TCP && (p.tcp_flags & (TCP_FIN | TCP_RST)))
				conn->flags |= PCI_CONN_CLOSING;
			if (now - conn->last_seen_ns > 1000000000ULL)
				conn->last_seen_ns = now;
			count_fixed(PCI_CNT_ESTABLISHED, hook, skb);
			return PCI_PASS;
		}
	} else if (p.shape == SHAPE_ICMP_ERROR) {
		struct pci_conn_value *conn = bpf_map_lookup_elem(&conns, &p.inner_key);

		if (conn && now - conn->last_seen_ns < conn_timeout(cfg, p.inner_key.protocol, conn->flags)) {
			count_fixed(PCI_CNT_RELATED, hook, skb);
			return PCI_PASS;
		}
		p.shape = SHAPE_NO_PORTS;
	}

	struct pci_addr_key address = {.prefixlen = 128};

	__builtin_memcpy(address.addr, p.src, 16);
	const struct pci_subject *source = bpf_map_lookup_elem(&subjects, &address);

	__builtin_memcpy(address.addr, p.dst, 16);
	const struct pci_subject *destination = bpf_map_lookup_elem(&subjects, &address);

	int egress_restricted = source && (source->flags & PCI_RESTRICT_EGRESS);
	int ingress_restricted = destination && (destination->flags & PCI_RESTRICT_INGRESS);

	if (!egress_restricted && !ingress_restricted) {
		if (p.shape == SHAPE_FRAGMENT || p.shape == SHAPE_MALFORMED) {
			count_fixed(PCI_CNT_MALFORMED_PASSED, hook, skb);
			return PCI_PASS;
		}
		count_fixed(PCI_CNT_UNRESTRICTED, hook, skb);
	}
	if (p.shape == SHAPE_FRAGMENT || p.shape == SHAPE_MALFORMED) {
		__u32 counter = (p.shape == SHAPE_FRAGMENT ? PCI_CNT_FRAGMENT : PCI_CNT_MALFORMED) +
				hook * PCI_CNT_HOOK_STRIDE;

		count(counter, skb);
		report(skb, cfg, now, hook,
		       p.shape == SHAPE_FRAGMENT ? PCI_REASON_FRAGMENT : PCI_REASON_MALFORMED, counter, &p);
		return PCI_DROP;
	}

	__s64 egress_rule = egress_restricted ? admitted_at(source, PCI_DIR_EGRESS, &p) : -2;
	__s64 ingress_rule = ingress_restricted ? admitted_at(destination, PCI_DIR_INGRESS, &p) : -2;

	if (egress_rule == -1 || ingress_rule == -1) {
		__u8 reason;
		__u32 counter;

		if (egress_rule == -1 && ingress_rule == -1) {
			reason = PCI_REASON_NO_POLICY_ALLOWS;
			counter = source->deny_counter[PCI_DIR_EGRESS];
			count(destination->deny_counter[PCI_DIR_INGRESS], skb);
		} else if (egress_rule == -1) {
			reason = PCI_REASON_EGRESS_NOT_ALLOWED;
			counter = source->deny_counter[PCI_DIR_EGRESS];
		} else {
			reason = PCI_REASON_DEFAULT_DENY_DESTINATION;
			counter = destination->deny_counter[PCI_DIR_INGRESS];
		}
		count(counter, skb);
		report(skb, cfg, now, hook, reason, counter, &p);
		return PCI_DROP;
	}
	if (egress_rule >= 0)
		count((__u32)egress_rule, skb);
	if (ingress_rule >= 0)
		count((__u32)ingress_rule, skb);

	/* Remember connections whose packets (either way) a restricted end would judge. */
	if (p.shape == SHAPE_PORTS &&
	    ((source && source->flags) || (destination && destination->flags))) {
		struct pci_conn_value value = {
			.last_seen_ns = now,
			.flags = src_low ? PCI_CONN_LOW_INITIATED : 0,
		};

		if (p.protocol == IPPROTO_TCP && (p.tcp_flags & (TCP_FIN | TCP_RST)))
			value.flags |= PCI_CONN_CLOSING;
		bpf_map_update_elem(&conns, &key, &value, BPF_ANY);
	}
	return PCI_PASS;
}

SEC("tc")
int pci_segment_ingress(struct __sk_buff *skb)
{
	return judge(skb, 0);
}

SEC("tc")
int pci_segment_egress(struct __sk_buff *skb)
{
	return judge(skb, 1);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
