#!/usr/bin/env bash
# Brings the disk and the page cache to the same state before a timed run (issue 16):
#
#   bash benches/settle.sh SECONDS [INPUT...]
#   bash benches/settle.sh --describe WORK
#
# Writes out whatever is dirty (sync). Then, where it may (as root, /proc/sys/vm/drop_caches
# writable), drops the kernel's clean caches and reads every INPUT (a corpus folder, a binary)
# back in, so that each run starts with its inputs in memory and nothing of the files deleted
# before it still cached. Then waits SECONDS. `--describe WORK` prints one line saying the file
# system under WORK and whether caches are dropped, for the results' header.
#
# Why drop the caches: on ext4 without a journal (this machine's root file system), the kernel
# does not reuse an inode deleted recently while the block of the inode table holding it is
# cached (fs/ext4/ialloc.c, `recently_deleted`). After an output of 230,000 files is deleted, the
# creation of every new file walks past the freed inodes one by one: the same binary's
# 10,000-report build took 1.7 s of system time on a fresh disk, 7.2 s after one output was
# deleted, 16–23 s after more, its user time steady at 8 s (docs/benchmarks.md). Waiting does not
# end it; a dropped cache does (the kernel then takes those inodes as written out). Without root
# the runs still follow one another, each after a deletion, and the figures show it.
set -euo pipefail

can_drop() { [ -w /proc/sys/vm/drop_caches ]; }

if [ "${1:-}" = --describe ]; then
  work=$2
  read -r source fstype < <(findmnt -no SOURCE,FSTYPE --target "$work" 2>/dev/null || echo "? ?")
  journal=""
  if [ "$fstype" = ext4 ]; then
    # A journaled ext4 file system has its jbd2 thread's folder, named after the device.
    if compgen -G "/proc/fs/jbd2/$(basename "$source")-*" >/dev/null; then
      journal=", with a journal"
    else
      journal=", without a journal"
    fi
  fi
  if can_drop; then
    caches="before each run: sync, the kernel's caches dropped and the run's inputs read back in"
  else
    caches="before each run: sync only (not root: caches not dropped)"
  fi
  echo "disk:    $work on $fstype ($source$journal); $caches"
  exit 0
fi

seconds=${1:-0}
shift || true
sync
if can_drop; then
  echo 3 > /proc/sys/vm/drop_caches
  for input in "$@"; do
    [ -e "$input" ] || continue
    # `cat`, not `tar cf /dev/null`: GNU tar skips reading files it writes to /dev/null.
    find "$input" -type f -print0 | xargs -0 -r cat > /dev/null
  done
fi
if [ "$seconds" -gt 0 ]; then sleep "$seconds"; fi
