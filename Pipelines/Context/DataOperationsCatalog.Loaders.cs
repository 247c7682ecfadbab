using System.Reflection;
using MlNetDl.Pipelines.Loaders;

namespace MlNetDl.Pipelines;

/// <summary>Loading files into data views. Every loader reads the file once into arrays and wraps them without
/// another copy (<see cref="DataViewBuilder"/>): images become <c>Vector&lt;Single&gt;</c> columns with their
/// [C, H, W] shape, class labels become ML.NET keys over zero-based labels.</summary>
public sealed partial class DataOperationsCatalog
{
    /// <summary>An IDX image/label pair (MNIST, Fashion-MNIST, KMNIST; plain or gzip): <paramref name="featuresColumnName"/>
    /// is Vector&lt;Single&gt;[1, rows, cols] with pixels in [0, 1], <paramref name="labelColumnName"/> is Key&lt;UInt32, classCount&gt;.</summary>
    /// <exception cref="FileNotFoundException">A file is missing (the path is in the message).</exception>
    /// <exception cref="InvalidDataException">A file is not IDX, is truncated, or images and labels differ in count.</exception>
    /// <remarks>Unsigned-byte images stay bytes in memory (<see cref="ByteImageColumn"/>) and are scaled as they are read.</remarks>
    public IDataView LoadFromIdx(string imagesPath, string labelsPath, int classCount = 10,
        string featuresColumnName = "Features", string labelColumnName = "Label")
    {
        var images = IdxReader.Read(imagesPath);
        var labels = IdxReader.ReadLabels(labelsPath);
        if (images.Shape.Length < 2 || labels.Length != images.Shape[0])
        {
            throw new InvalidDataException(
                $"'{imagesPath}' has shape [{string.Join(", ", images.Shape)}] but '{labelsPath}' has {labels.Length} labels; expected [{labels.Length}, ...].");
        }

        int[] item = images.Shape[1..];
        int[] dims = item.Length == 2 ? [1, .. item] : item;
        DataColumn features = images.Data is byte[] bytes
            ? new ByteImageColumn(bytes, dims)
            : DataColumn.FromVectors(images.ToFloat32(), dims);
        return new DataViewBuilder()
            .AddColumn(featuresColumnName, features)
            .AddKey(labelColumnName, labels, (ulong)classCount)
            .Build();
    }

    /// <summary>CIFAR-10 binary batches (<c>data_batch_1.bin</c> … or <c>test_batch.bin</c>), concatenated:
    /// Vector&lt;Single&gt;[3, 32, 32] in [0, 1] and Key&lt;UInt32, 10&gt; labels.</summary>
    public IDataView LoadFromCifar10(IEnumerable<string> batchPaths, string featuresColumnName = "Features", string labelColumnName = "Label")
    {
        var batch = Cifar10Reader.Read(batchPaths);
        return new DataViewBuilder()
            .AddVector(featuresColumnName, batch.Images.Pixels, batch.Images.ItemShape)
            .AddKey(labelColumnName, batch.Labels, (ulong)Cifar10Reader.ClassNames.Count)
            .Build();
    }

    /// <summary>NumPy arrays (e.g. the SIGNS <c>X_train.npy</c>/<c>Y_train.npy</c>): features [N, ...] become a
    /// Vector&lt;Single&gt; of the trailing shape; integer labels [N] (or [1, N] / [N, 1]) become keys over
    /// <paramref name="classCount"/> classes (default: max label + 1), float labels a Single column.</summary>
    public IDataView LoadFromNpy(string featuresPath, string? labelsPath = null, int? classCount = null,
        string featuresColumnName = "Features", string labelColumnName = "Label")
    {
        var (features, shape) = NpyReader.ReadFloat32(featuresPath);
        if (shape.Length < 1)
        {
            throw new InvalidDataException($"{featuresPath}: features must have a leading row dimension; got a 0-d array.");
        }

        var builder = new DataViewBuilder().AddVector(featuresColumnName, features, shape.Length == 1 ? [1] : shape[1..]);
        if (labelsPath is not null)
        {
            var labels = NpyReader.Read(labelsPath);
            if (labels.Data.Length != shape[0])
            {
                throw new InvalidDataException($"'{featuresPath}' has {shape[0]} rows but '{labelsPath}' has {labels.Data.Length} labels.");
            }

            if (labels.ElementType is ElementType.Float32 or ElementType.Float64)
            {
                builder.AddSingle(labelColumnName, labels.ToFloat32());
            }
            else
            {
                var ints = Array.ConvertAll(labels.ToFloat32(), v => (long)v);
                builder.AddKey(labelColumnName, ints, (ulong)(classCount ?? (int)(ints.Length == 0 ? 0 : ints.Max() + 1)));
            }
        }

        return builder.Build();
    }

    /// <summary>A delimited text file with one column per field, named by the header (or <see cref="CsvOptions.ColumnNames"/>);
    /// numeric fields become Single columns, others String.</summary>
    /// <exception cref="InvalidDataException">A row has the wrong number of fields (the line number is in the message).</exception>
    public IDataView LoadFromTextFile(string path, CsvOptions? options = null)
    {
        var table = CsvReader.Read(path, options);
        var builder = new DataViewBuilder();
        for (int i = 0; i < table.ColumnNames.Length; i++)
        {
            if (table.Columns[i] is float[] f)
            {
                builder.AddSingle(table.ColumnNames[i], f);
            }
            else
            {
                builder.AddString(table.ColumnNames[i], (string[])table.Columns[i]);
            }
        }

        return builder.Build();
    }

    /// <summary>ML.NET's typed text loader: public members of <typeparamref name="TInput"/> with
    /// <c>[LoadColumn(index)]</c> (or a range / index list for a float[] vector) read those fields; <c>[ColumnName]</c>
    /// renames. Supported member types: float, double, int, long, bool, string, float[].</summary>
    /// <exception cref="InvalidOperationException">A member has no [LoadColumn] or an unsupported type, or an index is out of range.</exception>
    public IDataView LoadFromTextFile<TInput>(string path, char separatorChar = ',', bool hasHeader = false)
    {
        var table = CsvReader.Read(path, new CsvOptions { Separator = separatorChar, HasHeader = hasHeader });
        var builder = new DataViewBuilder();
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance;
        foreach (var member in typeof(TInput).GetFields(flags).Cast<MemberInfo>().Concat(typeof(TInput).GetProperties(flags)))
        {
            if (member.GetCustomAttribute<NoColumnAttribute>() is not null)
            {
                continue;
            }

            var load = member.GetCustomAttribute<LoadColumnAttribute>()
                ?? throw new InvalidOperationException($"{typeof(TInput).Name}.{member.Name} has no [LoadColumn] attribute; mark it or add [NoColumn].");
            string name = member.GetCustomAttribute<ColumnNameAttribute>()?.Name ?? member.Name;
            var type = member is FieldInfo fi ? fi.FieldType : ((PropertyInfo)member).PropertyType;
            foreach (int index in load.Indices)
            {
                if (index < 0 || index >= table.ColumnNames.Length)
                {
                    throw new InvalidOperationException($"{typeof(TInput).Name}.{member.Name}: [LoadColumn] index {index} is outside the {table.ColumnNames.Length} fields of '{path}'.");
                }
            }

            TextColumns.Add(builder, table, name, type, load.Indices, $"{typeof(TInput).Name}.{member.Name}", path);
        }

        return builder.Build();
    }

    /// <summary>In-memory arrays as a data view without copying: features [rows × product(featureShape)] and
    /// zero-based class labels (keys over <paramref name="classCount"/> classes).</summary>
    public IDataView LoadFromArrays(float[] features, int[] featureShape, long[] labels, int classCount,
        string featuresColumnName = "Features", string labelColumnName = "Label") =>
        new DataViewBuilder().AddVector(featuresColumnName, features, featureShape).AddKey(labelColumnName, labels, (ulong)classCount).Build();
}
