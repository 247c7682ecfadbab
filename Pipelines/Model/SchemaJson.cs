using System.Text.Json.Nodes;

namespace MlNetDl.Pipelines;

/// <summary>Column types in model manifests: {"name": "Features", "type": "Vector", "item": "Single", "dims": [1, 28, 28]},
/// {"name": "Label", "type": "Key", "count": 10}, {"name": "Age", "type": "Single"}.</summary>
internal static class SchemaJson
{
    public static JsonArray Write(DataViewSchema schema)
    {
        var array = new JsonArray();
        foreach (var c in schema)
        {
            var o = new JsonObject { ["name"] = c.Name };
            switch (c.Type)
            {
                case VectorDataViewType v:
                    o["type"] = "Vector";
                    o["item"] = Name(v.ItemType);
                    o["dims"] = new JsonArray([.. v.Dimensions.Select(d => (JsonNode)d)]);
                    break;
                case KeyDataViewType k:
                    o["type"] = "Key";
                    o["count"] = k.Count;
                    break;
                default:
                    o["type"] = Name(c.Type);
                    break;
            }
            array.Add(o);
        }
        return array;
    }

    public static DataViewSchema Read(JsonNode? node, Func<string, InvalidDataException> error)
    {
        if (node is not JsonArray array)
        {
            throw error("the input schema is missing or not a list.");
        }
        var builder = new DataViewSchema.Builder();
        for (int i = 0; i < array.Count; i++)
        {
            try
            {
                var o = (JsonObject)array[i]!;
                string name = (string)o["name"]!;
                string type = (string)o["type"]!;
                DataViewType t = type switch
                {
                    "Vector" => new VectorDataViewType(Primitive((string)o["item"]!), [.. ((JsonArray)o["dims"]!).Select(d => (int)d!)]),
                    "Key" => new KeyDataViewType(typeof(uint), (ulong)o["count"]!),
                    _ => Primitive(type),
                };
                if (builder.ToSchema().GetColumnOrNull(name) is not null)
                {
                    throw new FormatException($"column '{name}' appears twice");
                }
                builder.AddColumn(name, t);
            }
            catch (Exception e) when (e is InvalidCastException or NullReferenceException or FormatException or ArgumentException or InvalidOperationException or OverflowException)
            {
                throw error($"input schema column {i} is invalid ({e.Message}).");
            }
        }
        return builder.ToSchema();
    }

    private static string Name(DataViewType t) => t.RawType.Name;

    private static PrimitiveDataViewType Primitive(string name) => name switch
    {
        "Single" => NumberDataViewType.Single,
        "Double" => NumberDataViewType.Double,
        "Int32" => NumberDataViewType.Int32,
        "Int64" => NumberDataViewType.Int64,
        "UInt32" => NumberDataViewType.UInt32,
        "Boolean" => BooleanDataViewType.Instance,
        "String" => TextDataViewType.Instance,
        _ => throw new FormatException($"unknown column type '{name}'"),
    };
}
