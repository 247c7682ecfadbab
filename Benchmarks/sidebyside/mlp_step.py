"""PyTorch side of the MLP training-step benchmark: 784-128-64-10 MLP (ReLU), batch 128, cross-entropy,
Adam(lr=1e-3), one step = zero_grad + forward + backward + step. 2 threads for a fair comparison with the
2-core C# run. Prints one line: `torch_ms_per_step=<median>`. Run by `Benchmarks -- mlp-sidebyside`."""
import statistics, sys, time
import torch

torch.set_num_threads(2)
torch.manual_seed(0)
steps = int(sys.argv[1]) if len(sys.argv) > 1 else 200
model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.rand(128, 784)
y = torch.randint(0, 10, (128,))

def step():
    opt.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(x), y)
    loss.backward()
    opt.step()

for _ in range(50):
    step()
times = []
for _ in range(5):
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    times.append((time.perf_counter() - t0) / steps * 1000)
print(f"torch_ms_per_step={statistics.median(times):.4f}")
print(f"torch_version={torch.__version__} threads={torch.get_num_threads()}")
