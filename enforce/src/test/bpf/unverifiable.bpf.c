// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Test object: the real data plane plus one program the verifier must refuse (it reads packet
 * memory without a bounds check). Loading it proves that a refused program yields a clean error
 * carrying the verifier's log, and leaves nothing pinned or attached.
 */
#include "pci_segment.bpf.c"

SEC("tc")
int unchecked_packet_read(struct __sk_buff *skb)
{
	unsigned char *data = (unsigned char *)(long)skb->data;

	return data[64];
}
