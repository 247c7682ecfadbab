using System.Globalization;

namespace MlNetDl.Pipelines.Loaders;

/// <summary>
/// The NPY header dictionary (a Python literal such as <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>):
/// parsing and formatting. Only the three keys NumPy writes are understood.
/// </summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, int[] Shape)
{
    /// <summary>Element type and byte order of a descr; null when the dtype is not one we read.</summary>
    public static (ElementType Type, bool BigEndian)? ParseDescr(string descr)
    {
        if (descr.Length < 3)
        {
            return null;
        }

        bool? big = descr[0] switch
        {
            '<' => false,
            '>' => true,
            '|' or '=' => !BitConverter.IsLittleEndian,
            _ => null,
        };
        ElementType? type = descr[1..] switch
        {
            "u1" => ElementType.UInt8,
            "i1" => ElementType.Int8,
            "b1" => ElementType.Bool,
            "i2" => ElementType.Int16,
            "i4" => ElementType.Int32,
            "i8" => ElementType.Int64,
            "f4" => ElementType.Float32,
            "f8" => ElementType.Float64,
            _ => null,
        };
        return big is null || type is null ? null : (type.Value, big.Value);
    }

    public static string DescrOf(ElementType type) => type switch
    {
        ElementType.UInt8 => "|u1",
        ElementType.Int8 => "|i1",
        ElementType.Bool => "|b1",
        ElementType.Int16 => "<i2",
        ElementType.Int32 => "<i4",
        ElementType.Int64 => "<i8",
        ElementType.Float32 => "<f4",
        ElementType.Float64 => "<f8",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown element type"),
    };

    /// <summary>The dictionary text as NumPy writes it (without the padding).</summary>
    public string Format()
    {
        string shape = Shape.Length == 1 ? $"({Shape[0]},)" : "(" + string.Join(", ", Shape) + ")";
        return $"{{'descr': '{Descr}', 'fortran_order': {(FortranOrder ? "True" : "False")}, 'shape': {shape}, }}";
    }

    /// <summary>Parses the dictionary; the message of a <see cref="FormatException"/> says what was wrong where.</summary>
    public static NpyHeader Parse(string text)
    {
        var p = new Parser(text);
        string? descr = null;
        bool? fortran = null;
        int[]? shape = null;
        p.Expect('{');
        while (!p.TryConsume('}'))
        {
            string key = p.String();
            p.Expect(':');
            switch (key)
            {
                case "descr": descr = p.Peek() is '\'' or '"' ? p.String() : p.Raw(); break;
                case "fortran_order": fortran = p.Bool(); break;
                case "shape": shape = p.Tuple(); break;
                default: throw new FormatException($"unexpected key '{key}' (expected 'descr', 'fortran_order', 'shape')");
            }

            if (!p.TryConsume(','))
            {
                p.Expect('}');
                break;
            }
        }

        return new NpyHeader(
            descr ?? throw new FormatException("key 'descr' is missing"),
            fortran ?? throw new FormatException("key 'fortran_order' is missing"),
            shape ?? throw new FormatException("key 'shape' is missing"));
    }

    private sealed class Parser(string s)
    {
        private int _i;

        public char Peek()
        {
            SkipSpace();
            return _i < s.Length ? s[_i] : '\0';
        }

        public bool TryConsume(char c)
        {
            if (Peek() != c)
            {
                return false;
            }

            _i++;
            return true;
        }

        public void Expect(char c)
        {
            if (!TryConsume(c))
            {
                throw new FormatException($"expected '{c}' at character {_i} but found {Found()}");
            }
        }

        public string String()
        {
            char q = Peek();
            if (q is not ('\'' or '"'))
            {
                throw new FormatException($"expected a quoted string at character {_i} but found {Found()}");
            }

            int end = s.IndexOf(q, _i + 1);
            if (end < 0)
            {
                throw new FormatException($"unterminated string starting at character {_i}");
            }

            var value = s[(_i + 1)..end];
            _i = end + 1;
            return value;
        }

        public bool Bool()
        {
            Peek();
            foreach (var (word, value) in new[] { ("True", true), ("False", false) })
            {
                if (string.CompareOrdinal(s, _i, word, 0, word.Length) == 0)
                {
                    _i += word.Length;
                    return value;
                }
            }

            throw new FormatException($"expected True or False at character {_i} but found {Found()}");
        }

        public int[] Tuple()
        {
            Expect('(');
            var dims = new List<int>();
            while (!TryConsume(')'))
            {
                int start = _i;
                while (_i < s.Length && char.IsAsciiDigit(s[_i]))
                {
                    _i++;
                }

                if (!int.TryParse(s.AsSpan(start, _i - start), NumberStyles.None, CultureInfo.InvariantCulture, out int d))
                {
                    throw new FormatException($"expected a non-negative int32 dimension at character {start} but found {Found(start)}");
                }

                TryConsume('L'); // Python 2 long literals in old files: (3L, 4L)
                dims.Add(d);
                if (!TryConsume(','))
                {
                    Expect(')');
                    break;
                }
            }

            return [.. dims];
        }

        /// <summary>A non-string descr (structured dtype list): kept as text for the error message.</summary>
        public string Raw()
        {
            int start = _i, depth = 0;
            for (; _i < s.Length; _i++)
            {
                depth += s[_i] is '[' or '(' ? 1 : s[_i] is ']' or ')' ? -1 : 0;
                if (depth == 0 && (s[_i] == ',' || s[_i] == '}'))
                {
                    break;
                }
            }

            return s[start.._i].Trim();
        }

        private string Found(int? at = null)
        {
            int i = at ?? _i;
            return i < s.Length ? $"'{s.Substring(i, Math.Min(12, s.Length - i))}'" : "the end of the header";
        }

        private void SkipSpace()
        {
            while (_i < s.Length && char.IsWhiteSpace(s[_i]))
            {
                _i++;
            }
        }
    }
}
