package org.pcisegment.kube.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpFamily;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PrefixSet;

/**
 * The addresses outside the cluster, cut into blocks at every edge of the address blocks that
 * policies name, so that every policy treats every address of one block alike. IPv4 is always
 * present; IPv6 only when some policy of the cluster names an IPv6 block (a cluster whose policies
 * never mention IPv6 is reported the way np-guard reports it, in IPv4 only).
 */
public final class ExternalSpace {
    private final List<IpRange> blocks;

    private ExternalSpace(List<IpRange> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** The blocks of the {@code families} (IPv4 always) cut at every edge of {@code named}. */
    public static ExternalSpace cutAt(List<PrefixSet> named, Set<IpFamily> families) {
        Map<IpFamily, TreeSet<IpAddress>> cuts = new EnumMap<>(IpFamily.class);
        cuts.put(IpFamily.V4, new TreeSet<>());
        families.forEach(family -> cuts.put(family, new TreeSet<>()));
        for (PrefixSet set : named) {
            for (IpRange range : set.ranges()) {
                TreeSet<IpAddress> familyCuts = cuts.computeIfAbsent(range.family(), f -> new TreeSet<>());
                familyCuts.add(range.first());
                next(range.last()).ifPresent(familyCuts::add);
            }
        }
        List<IpRange> blocks = new ArrayList<>();
        for (Map.Entry<IpFamily, TreeSet<IpAddress>> family : cuts.entrySet()) {
            IpRange whole = PrefixSet.all(family.getKey()).ranges().getFirst();
            IpAddress start = whole.first();
            for (IpAddress cut : family.getValue()) {
                if (cut.compareTo(start) > 0) {
                    blocks.add(new IpRange(start, previous(cut)));
                    start = cut;
                }
            }
            blocks.add(new IpRange(start, whole.last()));
        }
        return new ExternalSpace(blocks);
    }

    public List<IpRange> blocks() {
        return blocks;
    }

    public int size() {
        return blocks.size();
    }

    /**
     * Indexes of the blocks inside {@code addresses} (each block is wholly inside or outside). Blocks
     * are sorted and disjoint and the set's ranges maximal, so a block lies inside the set exactly
     * when it lies inside one of its ranges: each range is found by binary search and walked.
     */
    public java.util.BitSet blocksWithin(PrefixSet addresses) {
        java.util.BitSet result = new java.util.BitSet(blocks.size());
        for (IpRange range : addresses.ranges()) {
            for (int i = firstStartingAtOrAfter(range.first());
                    i < blocks.size() && blocks.get(i).first().compareTo(range.last()) <= 0;
                    i++) {
                if (blocks.get(i).last().compareTo(range.last()) <= 0) {
                    result.set(i);
                }
            }
        }
        return result;
    }

    private int firstStartingAtOrAfter(IpAddress address) {
        int low = 0;
        int high = blocks.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (blocks.get(middle).first().compareTo(address) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static java.util.Optional<IpAddress> next(IpAddress address) {
        long lo = address.lo() + 1;
        long hi = lo == 0 ? address.hi() + 1 : address.hi();
        if (address.family() == IpFamily.V4) {
            return lo > 0xFFFF_FFFFL ? java.util.Optional.empty() : java.util.Optional.of(IpAddress.v4(lo));
        }
        if (lo == 0 && hi == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(IpAddress.v6(hi, lo));
    }

    private static IpAddress previous(IpAddress address) {
        long lo = address.lo() - 1;
        long hi = address.lo() == 0 ? address.hi() - 1 : address.hi();
        return address.family() == IpFamily.V4 ? IpAddress.v4(lo) : IpAddress.v6(hi, lo);
    }
}
