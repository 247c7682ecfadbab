using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Nn;

public class StateDictTests
{
    [Fact]
    public void KeysAndOrderMatchPyTorch()
    {
        // list(nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3), nn.Linear(3, 2)).state_dict().keys()), torch 1.13
        string[] torchKeys =
        [
            "0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked", "2.weight", "2.bias",
        ];
        var model = new Sequential(new Linear(4, 3), new BatchNorm1d(3), new Linear(3, 2));
        Assert.Equal(torchKeys, model.StateDict().Select(e => e.Key));
        var nbt = model.StateDict().Single(e => e.Key == "1.num_batches_tracked").Value;
        Assert.Equal(DType.Int64, nbt.DType);
        Assert.Equal(0, nbt.Rank);
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias"], model.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void SequentialToStringMatchesPyTorch()
    {
        // print(nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3), nn.Linear(3, 2))), torch 1.13
        const string expected = """
            Sequential(
              (0): Linear(in_features=4, out_features=3, bias=True)
              (1): BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
              (2): Linear(in_features=3, out_features=2, bias=True)
            )
            """;
        var model = new Sequential(new Linear(4, 3), new BatchNorm1d(3), new Linear(3, 2));
        Assert.Equal(expected.ReplaceLineEndings("\n"), model.ToString());
    }

    [Fact]
    public void NestedContainersIndentLikePyTorch()
    {
        const string expected = """
            Sequential(
              (0): Flatten(start_dim=1, end_dim=-1)
              (1): Sequential(
                (0): Linear(in_features=4, out_features=2, bias=False)
                (1): Identity()
              )
            )
            """;
        var model = new Sequential(new Flatten(), new Sequential(new Linear(4, 2, bias: false), new Identity()));
        Assert.Equal(expected.ReplaceLineEndings("\n"), model.ToString());
    }
}
