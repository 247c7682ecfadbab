"""Which BLAS the reference runs on, as one space-free key=value line (threadpoolctl, else /proc/self/maps)."""


def blas_line():
    try:
        from threadpoolctl import threadpool_info
        parts = [f"{i['internal_api']}-{i.get('version')}-{i.get('threading_layer', '')}-{i.get('architecture', '')}-threads{i['num_threads']}-{i['filepath']}"
                 for i in threadpool_info() if i["user_api"] == "blas"]
    except ImportError:
        parts = sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l or "lapack" in l})
    return "blas=" + ",".join(p.replace(" ", "_") for p in parts)
