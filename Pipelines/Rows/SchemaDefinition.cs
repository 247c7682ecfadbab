using System.Reflection;

namespace MlNetDl.Pipelines;

/// <summary>
/// How the public fields and properties of a class map to columns (ML.NET's SchemaDefinition). Made from the
/// attributes by <see cref="Create"/>, then editable, e.g. to give a float[] member its size at run time:
/// <c>def["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, n);</c>
/// </summary>
public sealed class SchemaDefinition : List<SchemaDefinition.Column>
{
    public sealed class Column
    {
        internal Column(MemberInfo member, string columnName, DataViewType columnType, IReadOnlyList<int>? loadColumnIndices)
        {
            Member = member;
            ColumnName = columnName;
            ColumnType = columnType;
            LoadColumnIndices = loadColumnIndices;
        }

        public MemberInfo Member { get; }

        public string MemberName => Member.Name;

        public Type MemberType => Member is FieldInfo f ? f.FieldType : ((PropertyInfo)Member).PropertyType;

        public string ColumnName { get; set; }

        /// <summary>For a float[] member without [VectorType], a vector of unknown size (fixed by the data).</summary>
        public DataViewType ColumnType { get; set; }

        /// <summary>From [LoadColumn]; null without it.</summary>
        public IReadOnlyList<int>? LoadColumnIndices { get; }

        internal string Describe(Type owner) => $"column '{ColumnName}' (member {owner.Name}.{MemberName})";
    }

    public Type UserType { get; private init; } = typeof(object);

    /// <exception cref="KeyNotFoundException">No column has this name.</exception>
    public Column this[string columnName] => this.FirstOrDefault(c => c.ColumnName == columnName)
        ?? throw new KeyNotFoundException($"The schema definition of {UserType.Name} has no column '{columnName}'; columns: {string.Join(", ", this.Select(c => c.ColumnName))}.");

    /// <summary>Columns for the public instance fields and properties of <paramref name="userType"/> that are not
    /// [NoColumn]: float, double, int, long, bool, string, uint ([KeyType] → key) and float[] ([VectorType] → size).</summary>
    /// <exception cref="ArgumentException">A member has an unsupported type, or two members map to one column.</exception>
    public static SchemaDefinition Create(Type userType)
    {
        ArgumentNullException.ThrowIfNull(userType);
        var definition = new SchemaDefinition { UserType = userType };
        var members = userType.GetFields(BindingFlags.Public | BindingFlags.Instance).Cast<MemberInfo>()
            .Concat(userType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            .OrderBy(m => m.MetadataToken);
        foreach (var member in members)
        {
            if (member.GetCustomAttribute<NoColumnAttribute>() is not null)
            {
                continue;
            }
            string name = member.GetCustomAttribute<ColumnNameAttribute>()?.Name ?? member.Name;
            var type = ColumnTypeOf(userType, member);
            if (definition.Any(c => c.ColumnName == name))
            {
                throw new ArgumentException($"{userType.Name}: members '{definition.First(c => c.ColumnName == name).MemberName}' and '{member.Name}' both map to column '{name}'.", nameof(userType));
            }
            definition.Add(new Column(member, name, type, member.GetCustomAttribute<LoadColumnAttribute>()?.Indices));
        }
        return definition;
    }

    private static DataViewType ColumnTypeOf(Type owner, MemberInfo member)
    {
        var type = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
        var vector = member.GetCustomAttribute<VectorTypeAttribute>();
        var key = member.GetCustomAttribute<KeyTypeAttribute>();
        if (type == typeof(float[]))
        {
            return new VectorDataViewType(NumberDataViewType.Single, vector?.Dimensions ?? []);
        }
        if (vector is not null)
        {
            throw new ArgumentException($"{owner.Name}.{member.Name}: [VectorType] needs a float[] member; it is {type.Name}.");
        }
        if (key is not null)
        {
            return type == typeof(uint) ? new KeyDataViewType(typeof(uint), key.Count)
                : throw new ArgumentException($"{owner.Name}.{member.Name}: [KeyType] needs a uint member; it is {type.Name}.");
        }
        try
        {
            return DataViewTypes.Of(type);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{owner.Name}.{member.Name}: {e.Message} Mark it [NoColumn] to skip it.", e);
        }
    }
}
