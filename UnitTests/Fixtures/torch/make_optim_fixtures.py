"""Writes Fixtures/torch/optim.safetensors: PyTorch 1.13 optimizer trajectories and LR schedules.

Run from UnitTests/: /usr/bin/python3 Fixtures/torch/make_optim_fixtures.py
Read by Optim/OptimizerConformanceTests.cs and Optim/LRSchedulerTests.cs, which rebuild every configuration
below by name; keep the CONFIGS table and the C# table in step.

Layout (all float32 unless noted):
  init/w [5, 7], init/b [5]               starting parameters (shared by every configuration)
  grad{k}/w, grad{k}/b  (k = 1..3)        gradients set by hand before step k
  {config}/step{k}/w, {config}/step{k}/b  parameters after step k
  sched/steplr [11, 1], sched/multisteplr [11, 2]  (float64) get_last_lr() after construction and 10 steps
The "adam_skip_b" configuration leaves b.grad = None at step 2, so b is skipped and its step count lags.
"""
import os

import numpy as np
import torch

import st_write

STEPS = 3


def two_groups(w, b):
    # Weight decay on the weights only, as the MLP homework does; per-group learning rates.
    return torch.optim.Adam([{"params": [w], "lr": 0.02, "weight_decay": 0.1}, {"params": [b]}], lr=0.005)


CONFIGS = {
    "sgd_plain": lambda w, b: torch.optim.SGD([w, b], lr=0.1),
    "sgd_momentum_dampening": lambda w, b: torch.optim.SGD([w, b], lr=0.05, momentum=0.9, dampening=0.3),
    "sgd_nesterov_wd": lambda w, b: torch.optim.SGD([w, b], lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01),
    "adam": lambda w, b: torch.optim.Adam([w, b], lr=1e-2),
    "adam_amsgrad_wd": lambda w, b: torch.optim.Adam([w, b], lr=1e-2, betas=(0.8, 0.99), amsgrad=True, weight_decay=0.05),
    "adamw": lambda w, b: torch.optim.AdamW([w, b], lr=1e-2, weight_decay=0.1),
    "rmsprop": lambda w, b: torch.optim.RMSprop([w, b], lr=1e-2),
    "rmsprop_centered_momentum": lambda w, b: torch.optim.RMSprop([w, b], lr=1e-2, alpha=0.9, momentum=0.5,
                                                                   centered=True, weight_decay=0.02),
    "two_groups": two_groups,
    "adam_skip_b": lambda w, b: torch.optim.Adam([w, b], lr=1e-2),
}


def main():
    torch.manual_seed(0)
    init_w, init_b = torch.randn(5, 7), torch.randn(5)
    grads = [(torch.randn(5, 7) * 0.5, torch.randn(5) * 0.5) for _ in range(STEPS)]
    out = [("init/w", init_w.numpy()), ("init/b", init_b.numpy())]
    for k, (gw, gb) in enumerate(grads, 1):
        out += [(f"grad{k}/w", gw.numpy()), (f"grad{k}/b", gb.numpy())]

    for name, make in CONFIGS.items():
        w = init_w.clone().requires_grad_()
        b = init_b.clone().requires_grad_()
        opt = make(w, b)
        for k, (gw, gb) in enumerate(grads, 1):
            w.grad = gw.clone()
            b.grad = None if (name == "adam_skip_b" and k == 2) else gb.clone()
            opt.step()
            out += [(f"{name}/step{k}/w", w.detach().numpy().copy()), (f"{name}/step{k}/b", b.detach().numpy().copy())]

    def schedule(make_sched, lrs):
        params = [torch.zeros(1, requires_grad=True) for _ in lrs]
        opt = torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], lr=1.0)
        sched = make_sched(opt)
        rows = [sched.get_last_lr()]
        for _ in range(10):
            opt.step()  # no grads: nothing changes, but the call order matches a training loop
            sched.step()
            rows.append(sched.get_last_lr())
        return np.array(rows, dtype=np.float64)

    out.append(("sched/steplr", schedule(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5), [0.1])))
    out.append(("sched/multisteplr", schedule(
        lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[5, 2, 8, 5], gamma=0.1), [0.1, 0.02])))

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optim.safetensors")
    st_write.save(path, out)
    print(f"wrote {path} ({os.path.getsize(path)} bytes, {len(out)} tensors)")


if __name__ == "__main__":
    main()
