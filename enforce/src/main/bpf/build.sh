#!/usr/bin/env bash
# Compiles the TC data plane into a BPF object the enforce jar carries as a resource.
# Called by Maven (exec-maven-plugin) as: build.sh SOURCE_FILE OUTPUT_FILE [INCLUDE_DIR].
# Fails with a sentence that says what to install when clang or the headers are missing.
set -euo pipefail
source_file=$1
out=$2
include=${3:-$(dirname "$source_file")}

missing() {
  echo "" >&2
  echo "pci-segment: cannot build the eBPF data plane: $1" >&2
  echo "pci-segment: install the build tools with 'sudo bin/setup' (Debian: clang llvm libbpf-dev)" >&2
  echo "" >&2
  exit 1
}

command -v clang >/dev/null 2>&1 || missing "clang is not installed (needed to compile enforce/src/main/bpf)"
arch_include=/usr/include/$(uname -m)-linux-gnu
[[ -f /usr/include/bpf/bpf_helpers.h ]] || missing "the libbpf headers are missing (/usr/include/bpf/bpf_helpers.h)"
[[ -f /usr/include/linux/bpf.h ]] || missing "the Linux UAPI headers are missing (/usr/include/linux/bpf.h)"
[[ -d $arch_include/asm ]] || missing "the architecture headers are missing ($arch_include/asm)"

mkdir -p "$(dirname "$out")"
# -g: the maps are BTF-defined; libbpf needs the BTF to create them.
clang -O2 -g -Wall -Werror -target bpf -I"$arch_include" -I"$include" \
  -c "$source_file" -o "$out.tmp"
# Keep BTF, drop DWARF: the jar carries a third of the size.
if command -v llvm-strip >/dev/null 2>&1; then
  llvm-strip -g "$out.tmp"
fi
mv "$out.tmp" "$out"
