/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * pci-segment eBPF data plane: the map layout shared by the TC program (pci_segment.bpf.c) and
 * the Java control plane (org.pcisegment.enforce.ebpf.MapLayout mirrors every struct below byte
 * for byte; change both together).
 *
 * The program is small and dumb: the control plane compiles the IR into map entries, the program
 * only looks them up. A packet is judged from both ends, exactly as RuleSet.decide does:
 *
 *   subjects   LPM trie  address (IPv4 as ::ffff:a.b.c.d)     -> subject: which directions the
 *                        workload owning the address restricts, the rule set of each restricted
 *                        direction, and the counter that counts its default denies.
 *   peers      LPM trie  (rule set, direction, protocol, peer prefix) -> port table id.
 *                        The 8 fixed bytes before the address are always matched in full
 *                        (prefixlen = 64 + address bits), so one trie holds every rule set.
 *                        The control plane writes the IR's elementary peer intervals of each
 *                        (workload, direction, protocol) as their minimal CIDR cover: the
 *                        prefixes of one rule set are disjoint, the longest match is the only one.
 *   ports      LPM trie  (port table id, destination port, big-endian) -> counter id of the
 *                        compiled rule that admits the port first (in compile order); a port
 *                        range is stored as its minimal cover of port prefixes (at most 30).
 *                        Tables are shared by every interval whose (port -> rule) map is equal.
 *   counters   per-CPU array  counter id -> packets, bytes. Ids 0..15 are the fixed reasons
 *                        below; the control plane hands out the others to compiled rules,
 *                        default denies and management exceptions, and names them in rule_info.
 *   rule_info  hash      counter id -> what it counts (text), for status after a restart.
 *   conns      LRU hash  normalised 5-tuple -> last seen, flags: return traffic of allowed
 *                        connections, and connections that were open when enforcement started.
 *   config     array[1]  timeouts, event rate, installed policy hash and generation.
 *   event_bucket per-CPU array[1]  token bucket that rate-limits deny events per CPU.
 *   events     ring buffer  deny events (5-tuple, interface, hook, reason, counter).
 *
 * Management exceptions are ordinary peers entries under the reserved rule set 0, direction
 * ingress: they admit peer -> local port, and the local service's replies to the peer, at every
 * subject, whatever its rule sets say.
 *
 * A policy change is a diff of entries in subjects, peers, ports and rule_info; the program stays
 * attached and the entries not touched by the change keep their values (ids are stable).
 */
#ifndef PCI_SEGMENT_H
#define PCI_SEGMENT_H

#include <linux/types.h>

#define PCI_DIR_INGRESS 0
#define PCI_DIR_EGRESS 1

/* subject.flags */
#define PCI_RESTRICT_INGRESS (1u << 0)
#define PCI_RESTRICT_EGRESS (1u << 1)

/* The management exception rule set; compiled rule sets are numbered from 1. */
#define PCI_MANAGEMENT_RULE_SET 0

/* Fixed counter ids (reasons that are not a compiled rule), counted per TC hook: the id below for
 * packets seen on ingress, the id + PCI_CNT_HOOK_STRIDE for packets seen on egress. */
#define PCI_CNT_ESTABLISHED 0     /* passed: packet of a connection in the conns table */
#define PCI_CNT_UNRESTRICTED 1    /* passed: neither end restricts this direction */
#define PCI_CNT_NOT_IP 2          /* passed: ARP and other non-IP frames */
#define PCI_CNT_NEIGHBOUR 3       /* passed: IPv6 neighbour discovery and MLD */
#define PCI_CNT_RELATED 4         /* passed: ICMP error about a connection in the conns table */
#define PCI_CNT_FRAGMENT 5        /* dropped: non-first fragment aimed at a restricted direction */
#define PCI_CNT_MALFORMED 6       /* dropped: unparsable packet aimed at a restricted direction */
#define PCI_CNT_TRUNCATED_IP 7    /* dropped: IP header too short to tell the addresses */
#define PCI_CNT_EVENTS_SUPPRESSED 8 /* deny events not sent: rate limit */
#define PCI_CNT_EVENTS_LOST 9     /* deny events not sent: ring buffer full */
#define PCI_CNT_MALFORMED_PASSED 10 /* passed: unparsable, but neither end is restricted */
#define PCI_CNT_HOOK_STRIDE 16
#define PCI_CNT_FIRST_DYNAMIC 32

/* event.reason: mirrors org.pcisegment.core.ir.DenyReason plus the parser's reasons. */
#define PCI_REASON_NO_POLICY_ALLOWS 1   /* both ends refuse */
#define PCI_REASON_DEFAULT_DENY_DESTINATION 2 /* destination's ingress refuses */
#define PCI_REASON_EGRESS_NOT_ALLOWED 3 /* source's egress refuses */
#define PCI_REASON_FRAGMENT 4
#define PCI_REASON_MALFORMED 5

/* conn_value.flags */
#define PCI_CONN_LOW_INITIATED (1u << 0) /* the lower (address, port) end opened the connection */
#define PCI_CONN_SEEDED (1u << 1)        /* was open when enforcement started */
#define PCI_CONN_CLOSING (1u << 2)       /* TCP FIN or RST seen: short timeout */

struct pci_addr_key {
	__u32 prefixlen;
	__u8 addr[16];
};

struct pci_subject {
	__u32 flags;
	__u32 rule_set[2];     /* indexed by PCI_DIR_*; meaningful when the direction is restricted */
	__u32 deny_counter[2]; /* default-deny counter of each direction */
};

struct pci_peer_key {
	__u32 prefixlen; /* 64 + address bits */
	__u32 rule_set;
	__u8 direction;
	__u8 protocol;
	__u16 pad;
	__u8 addr[16];
};

struct pci_port_key {
	__u32 prefixlen; /* 32 + port bits */
	__u32 table;
	__u16 port; /* network byte order, so prefixes are port ranges */
	__u16 pad;
};

struct pci_counter {
	__u64 packets;
	__u64 bytes;
};

#define PCI_RULE_TEXT 200
struct pci_rule_info {
	__u32 kind; /* 1 compiled rule, 2 default deny, 3 management exception */
	__u8 text[PCI_RULE_TEXT];
};

struct pci_conn_key {
	__u8 low_addr[16];
	__u8 high_addr[16];
	__u16 low_port;
	__u16 high_port;
	__u8 protocol;
	__u8 pad[3];
};

struct pci_conn_value {
	__u64 last_seen_ns;
	__u32 flags;
	__u32 pad;
};

struct pci_config {
	__u64 tcp_timeout_ns;
	__u64 tcp_closing_timeout_ns;
	__u64 other_timeout_ns;
	__u64 event_interval_ns; /* one event per interval per CPU on average */
	__u64 event_burst_ns;    /* bucket depth: burst = burst_ns / interval_ns events */
	__u64 generation;        /* bumped by every applied change */
	__u8 policy_sha256[32];  /* RuleSet.sha256() of the installed policy */
	__u64 applied_at;        /* Unix seconds */
	__u8 tool_version[32];   /* pci-segment version that applied it, NUL-padded */
};

struct pci_bucket {
	__u64 credit_ns;
	__u64 last_ns;
};

struct pci_event {
	__u64 timestamp_ns;
	__u32 ifindex;
	__u32 counter;
	__u8 hook; /* 0 tc ingress, 1 tc egress */
	__u8 reason;
	__u8 family; /* 4 or 6 */
	__u8 protocol;
	__u16 source_port; /* host byte order; 0 when the packet has none */
	__u16 destination_port;
	__u8 source[16]; /* IPv4 as ::ffff:a.b.c.d */
	__u8 destination[16];
};

#endif
