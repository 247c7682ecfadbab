using System.Linq.Expressions;
using System.Reflection;

namespace MlNetDl.Pipelines;

/// <summary>Compiled getters and setters of a field or property (boxed values; compiled once per member).</summary>
internal static class MemberAccess
{
    public static Func<object, object?> Getter(Type owner, MemberInfo member)
    {
        if (member is PropertyInfo { CanRead: false } || member is PropertyInfo p && p.GetMethod is not { IsPublic: true })
        {
            throw new ArgumentException($"{owner.Name}.{member.Name} has no public getter, so it cannot be read as a column.");
        }
        var obj = Expression.Parameter(typeof(object));
        var access = Expression.MakeMemberAccess(Expression.Convert(obj, owner), member);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(access, typeof(object)), obj).Compile();
    }

    public static Action<object, object?> Setter(Type owner, MemberInfo member)
    {
        if (member is PropertyInfo p && p.SetMethod is not { IsPublic: true } || member is FieldInfo { IsInitOnly: true })
        {
            throw new ArgumentException($"{owner.Name}.{member.Name} has no public setter, so a column cannot be written to it.");
        }
        var obj = Expression.Parameter(typeof(object));
        var value = Expression.Parameter(typeof(object));
        var access = Expression.MakeMemberAccess(Expression.Convert(obj, owner), member);
        var type = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
        return Expression.Lambda<Action<object, object?>>(Expression.Assign(access, Expression.Convert(value, type)), obj, value).Compile();
    }
}
