using System.Text;

namespace MlNetDl.Pipelines.Loaders;

/// <summary>Splits a text stream into records of fields (RFC 4180 quoting), tracking 1-based physical line numbers.</summary>
internal sealed class CsvTokenizer(TextReader reader, CsvOptions options, string path)
{
    private readonly StringBuilder _field = new();
    private int _line = 1;

    /// <summary>Skips one physical line (quotes are not interpreted).</summary>
    public void SkipLine()
    {
        while (true)
        {
            int c = reader.Read();
            if (c < 0)
            {
                return;
            }

            if (c is '\n' or '\r')
            {
                if (c == '\r')
                {
                    ConsumeIf('\n');
                }

                _line++;
                return;
            }
        }
    }

    /// <summary>The next non-blank record, or null at the end; <paramref name="line"/> is where it starts.</summary>
    public List<string>? Next(out int line)
    {
        while (true)
        {
            line = _line;
            if (reader.Peek() < 0)
            {
                return null;
            }

            var fields = ReadRecord();
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                return fields;
            }
        }
    }

    private List<string> ReadRecord()
    {
        var fields = new List<string>();
        char sep = options.Separator, quote = options.Quote;
        if (options.MergeSeparators)
        {
            while (reader.Peek() == sep)
            {
                reader.Read();
            }
        }

        while (true)
        {
            _field.Clear();
            int c = reader.Read();
            if (c == quote)
            {
                int opened = _line;
                while (true)
                {
                    c = reader.Read();
                    if (c < 0)
                    {
                        throw new InvalidDataException($"{path}: line {opened}: quoted field is never closed (the file ends inside it).");
                    }

                    if (c == quote)
                    {
                        if (!ConsumeIf(quote))
                        {
                            break;
                        }

                        _field.Append(quote);
                        continue;
                    }

                    if (c == '\n')
                    {
                        _line++;
                    }

                    _field.Append((char)c);
                }

                c = reader.Read();
                if (c >= 0 && c != sep && c != '\n' && c != '\r')
                {
                    throw new InvalidDataException($"{path}: line {_line}: unexpected character '{(char)c}' after the closing quote of a field (expected the separator or the end of the line).");
                }
            }
            else
            {
                while (c >= 0 && c != sep && c != '\n' && c != '\r')
                {
                    _field.Append((char)c);
                    c = reader.Read();
                }
            }

            fields.Add(_field.ToString());
            if (c == sep && options.MergeSeparators)
            {
                while (reader.Peek() == sep)
                {
                    reader.Read();
                }

                int next = reader.Peek();
                if (next is '\n' or '\r' or < 0)
                {
                    c = reader.Read(); // trailing separators end the record
                }
            }

            if (c == sep)
            {
                continue;
            }

            if (c == '\r')
            {
                ConsumeIf('\n');
            }

            if (c >= 0)
            {
                _line++;
            }

            return fields;
        }
    }

    private bool ConsumeIf(int expected)
    {
        if (reader.Peek() != expected)
        {
            return false;
        }

        reader.Read();
        return true;
    }
}
