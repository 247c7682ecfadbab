"""Writes Fixtures/torch/network.safetensors: one epoch of PyTorch 1.13 training from known weights, for
Trainers/Network/TorchParityTests.cs, which rebuilds each case by name (keep CASES and the C# table in step).

Run from UnitTests/: /usr/bin/python3 Fixtures/torch/make_network_fixtures.py

Each case trains a network whose layer layout is what MlNetDl's NetworkBuilder makes for the case's layers, so the
state_dict keys agree. The batches are the rows in order (shuffle=False; the data is stored in the visiting order),
batch size 16, the last batch smaller. Layout, per case (float32 unless noted):
  {case}/x [n, ...shape], {case}/y [n] (int64)   training rows
  {case}/init/{key}                              state before training (int64 for num_batches_tracked)
  {case}/final/{key}                             state after the epoch
  {case}/batch_losses [batches]                  loss of each batch, before its update
  {case}/epoch_loss [1]                          sum(batch loss * rows) / n
"""
import os

import torch

import st_write

BATCH = 16


def mlp():
    # MlpOptions { HiddenLayers = [32, 16], Activation = ReLU }: Flatten, Dense, ReLU, Dense, ReLU, Dense(3).
    return torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(20, 32), torch.nn.ReLU(), torch.nn.Linear(32, 16),
                               torch.nn.ReLU(), torch.nn.Linear(16, 3))


def mlp_tanh_dropout_free():
    # HiddenLayers = [24], Activation = Tanh.
    return torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(20, 24), torch.nn.Tanh(), torch.nn.Linear(24, 3))


def cnn():
    # CnnOptions { Layers = [Conv(4, 3, padding: 1), ReLU, BatchNorm, MaxPool(2)] } + Flatten + Dense(3). Batch norm
    # comes after the ReLU: right after the convolution it would cancel the conv bias's gradient to rounding noise,
    # which Adam-type optimizers then amplify into steps of size lr in arbitrary directions.
    return torch.nn.Sequential(torch.nn.Conv2d(1, 4, 3, padding=1), torch.nn.ReLU(), torch.nn.BatchNorm2d(4),
                               torch.nn.MaxPool2d(2), torch.nn.Flatten(), torch.nn.Linear(64, 3))


CASES = {
    # name: (network, optimizer factory, rows, per-example shape)
    "mlp_adam": (mlp, lambda p: torch.optim.Adam(p, lr=1e-2), 100, (20,)),
    "mlp_sgd": (mlp, lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9), 100, (20,)),
    "mlp_tanh_rmsprop": (mlp_tanh_dropout_free, lambda p: torch.optim.RMSprop(p, lr=1e-3, weight_decay=1e-3), 90, (20,)),
    "cnn_adamw": (cnn, lambda p: torch.optim.AdamW(p, lr=1e-2), 40, (1, 8, 8)),
}


def data(n, shape, generator):
    # Three classes with shifted means, so the loss moves visibly within one epoch.
    y = torch.randint(0, 3, (n,), generator=generator)
    x = torch.randn((n,) + shape, generator=generator) + (y.float() - 1).view((n,) + (1,) * len(shape)) * 0.8
    return x, y


def main():
    torch.set_num_threads(2)
    arrays = []
    for index, (name, (make, optimizer, n, shape)) in enumerate(CASES.items()):
        torch.manual_seed(100 + index)
        generator = torch.Generator().manual_seed(200 + index)
        model = make()
        x, y = data(n, shape, generator)
        arrays += [(f"{name}/x", x.numpy()), (f"{name}/y", y.numpy())]
        arrays += [(f"{name}/init/{k}", v.detach().clone().numpy()) for k, v in model.state_dict().items()]
        opt = optimizer(model.parameters())
        loss_fn = torch.nn.CrossEntropyLoss()
        model.train()
        losses = []
        for start in range(0, n, BATCH):
            xb, yb = x[start:start + BATCH], y[start:start + BATCH]
            loss = loss_fn(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append((loss.item(), len(yb)))
        arrays += [(f"{name}/final/{k}", v.detach().clone().numpy()) for k, v in model.state_dict().items()]
        arrays.append((f"{name}/batch_losses", torch.tensor([l for l, _ in losses], dtype=torch.float32).numpy()))
        arrays.append((f"{name}/epoch_loss", torch.tensor([sum(l * m for l, m in losses) / n], dtype=torch.float32).numpy()))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "network.safetensors")
    st_write.save(out, arrays, {"source": "make_network_fixtures.py", "torch": torch.__version__})
    print(f"wrote {out}: {len(arrays)} arrays")


if __name__ == "__main__":
    main()
