using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace LeadSync.Core.Settings;

/// <summary>
/// A <see cref="TimeSpan"/> setting between two bounds, both included; the message is <see cref="RangeAttribute"/>'s,
/// with the bounds as written ("The field PollInterval must be between 00:00:01 and 00:10:00."). Used instead of
/// <c>[Range(typeof(TimeSpan), …)]</c>: that attribute converts its bounds on first use without a lock, and two options
/// validated at once on different threads (one attribute instance is shared by the process) can make one of them fail
/// with an <see cref="InvalidCastException"/> (dotnet/runtime#1143; seen here when several apps start at once). The bounds
/// here are parsed once, when the attribute is made, and never change.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    private readonly string minimumText;
    private readonly string maximumText;

    /// <param name="minimum">The smallest value allowed, in the invariant <c>[d.]hh:mm:ss[.fff]</c> form.</param>
    /// <param name="maximum">The largest value allowed, in the same form.</param>
    public TimeSpanRangeAttribute(string minimum, string maximum)
        : base("The field {0} must be between {1} and {2}.")
    {
        minimumText = minimum;
        maximumText = maximum;
        Minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        Maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
        if (Minimum > Maximum)
        {
            throw new ArgumentException($"The minimum {minimum} is greater than the maximum {maximum}.", nameof(minimum));
        }
    }

    public TimeSpan Minimum { get; }

    public TimeSpan Maximum { get; }

    /// <summary>No value is valid (as with <see cref="RangeAttribute"/>: <see cref="RequiredAttribute"/> says otherwise).</summary>
    public override bool IsValid(object? value) => value is null || (value is TimeSpan span && span >= Minimum && span <= Maximum);

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name, minimumText, maximumText);
}
