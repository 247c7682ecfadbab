"""PyTorch side of the CNN training-step benchmark (Benchmarks/CnnStep/CnnStep.cs, same models, batches and Adam
lr 1e-3): one step = zero_grad + forward + loss + backward + step, median of 7 batches of ~0.5 s after ~1 s of
warm-up, with 1 and 2 threads. Prints `<model>_<threads>=<ms>`. Run by `Benchmarks -- cnn-sidebyside`."""
import sys
import torch
import torch.nn as nn
import torch.nn.functional as F
from timing import median_ms


def mnist_cnn():
    return nn.Sequential(nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 5), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64 * 4 * 4, 10)), 64


def conv_autoencoder():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, stride=2, padding=1), nn.ReLU(), nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.ReLU(), nn.Flatten(), nn.Linear(128 * 4 * 4, 64),
        nn.Linear(64, 128 * 4 * 4), nn.ReLU(), nn.Unflatten(1, (128, 4, 4)),
        nn.ConvTranspose2d(128, 64, 3, stride=2, padding=1), nn.ReLU(),
        nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
        nn.ConvTranspose2d(32, 1, 3, stride=2, padding=1, output_padding=1)), 128


MODELS = {"mnist_cnn": mnist_cnn, "conv_autoencoder": conv_autoencoder}



def run(name):
    torch.manual_seed(0)
    model, batch = MODELS[name]()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.rand(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))
    autoencoder = name == "conv_autoencoder"

    def step():
        opt.zero_grad()
        out = model(x)
        loss = F.mse_loss(out, x) if autoencoder else F.cross_entropy(out, y)
        loss.backward()
        opt.step()

    for threads in (1, 2):
        torch.set_num_threads(threads)
        print(f"{name}_{threads}={median_ms(step, warm_s=1.0, batch_s=0.5):.4f}")


for name in sys.argv[1:] or MODELS:
    run(name)
print(f"torch_version={torch.__version__} mkldnn={torch.backends.mkldnn.is_available()}")
