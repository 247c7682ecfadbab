"""Shared timing for the side-by-side scripts (twin of ConvSideBySide.Median on the C# side): the median ms per
call of 7 timed batches of about `batch_s` seconds, after at least `warm_s` seconds (and 3 calls) of warm-up."""
import statistics, time


def median_ms(fn, warm_s=0.3, batch_s=0.3):
    t0, warm = time.perf_counter(), 0
    while warm < 3 or time.perf_counter() - t0 < warm_s:
        fn()
        warm += 1
    reps = max(3, int(warm * batch_s / (time.perf_counter() - t0)))
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        times.append((time.perf_counter() - t0) / reps * 1000)
    return statistics.median(times)
