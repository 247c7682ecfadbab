"""Input specs and case entries shared by the cases_*.py tables (see make_fixtures.py)."""
from typing import Callable, NamedTuple, Optional, Sequence, Tuple


class In(NamedTuple):
    """One input: shape, values uniform in [low, high), dtype ("float32", "int64" or "bool").

    signed: magnitude in [low, high) with a random sign (the C# OpCase.AwayFromZero: keeps values off kinks at 0).
    const: a float input that is not differentiated (the C# OpCase.Constant, e.g. a loss target); int/bool inputs
    never are. For int64, values are integers in [low, high); for bool, True with probability 1/2.
    normal: standard normal instead of uniform (the C# Tensor.Randn; low/high unused).
    values: fixed flat contents instead of drawn ones (e.g. class targets that must hit ignore_index).
    """
    shape: Tuple[int, ...]
    low: float = -1.0
    high: float = 1.0
    dtype: str = "float32"
    signed: bool = False
    const: bool = False
    normal: bool = False
    values: Optional[Tuple[float, ...]] = None


def T(*shape, low=-1.0, high=1.0, const=False):
    """Float32 input uniform in [low, high) (the C# OpCase.Shapes / OpCase.Uniform)."""
    return In(tuple(shape), low, high, "float32", False, const)


def Away(*shape):
    """Float32 input with magnitude in [0.1, 1) and random sign (the C# OpCase.AwayFromZero)."""
    return In(tuple(shape), 0.1, 1.0, "float32", True, False)


def Randn(*shape, const=False):
    """Float32 standard-normal input (the C# Tensor.Randn, e.g. logits)."""
    return In(tuple(shape), 0.0, 1.0, "float32", False, const, normal=True)


def Ints(*shape, low=0, high=10):
    """Int64 input (indices, class targets) in [low, high); never differentiated."""
    return In(tuple(shape), low, high, "int64")


def Fixed(values, *shape, dtype="float32", const=False):
    """Input with fixed flat contents (shape defaults to (len(values),)): the C# Tensor.FromArray / Tensor.Full."""
    shape = tuple(shape) or (len(values),)
    return In(shape, min(values), max(values), dtype, False, const, values=tuple(values))


def Bools(*shape):
    """Bool input (masks); never differentiated."""
    return In(tuple(shape), 0, 2, "bool")


class Case(NamedTuple):
    """fn(*inputs) -> tensor; tol: relative tolerance |a-b| <= tol*max(1,|b|) if the default 1e-5 is too tight
    (say why in a comment next to the case)."""
    fn: Callable
    inputs: Sequence[In]
    tol: Optional[float] = None


def case(fn, *inputs, tol=None):
    """One-line table entry: "name": case(lambda a, b: a + b, T(3, 4), T(3, 4))."""
    return Case(fn, list(inputs), tol)
