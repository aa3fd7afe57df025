#if os(Linux)
import CMalloc
#endif

/// How idlint's programs ask glibc's allocator to behave, set once as each one starts.
public enum MallocSettings {
    /// Keeps blocks of 128 KiB and more (read buffers, the trees of larger files, the
    /// arrays facts are merged into) in mappings of their own, given back when freed.
    /// glibc otherwise raises that threshold each time such a block is freed, up to
    /// 32 MiB, so later large blocks come from the heap, between long-lived facts, and
    /// the holes they leave stay resident: on the benchmark's 124 MB corpus that was
    /// 30 MB more at the peak (442 against 412 MB), at the same speed.
    /// glibc's own setting, so only on Linux, the one platform idlint ships for.
    public static func keepLargeBlocksMapped() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
        #endif
    }

    /// Gives the free memory of every thread's arena back to the system. A block freed on
    /// one thread's arena is reused only by allocations made there, so what one round of
    /// work released stays resident while the next round, on another thread, allocates
    /// anew.
    public static func releaseFreeMemory() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }
}
