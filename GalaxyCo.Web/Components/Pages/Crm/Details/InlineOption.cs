namespace GalaxyCo.Web.Components.Pages.Crm.Details;

/// <summary>One choice of an inline select: the value saved (empty = none) and what the person reads.</summary>
public sealed record InlineOption(string Value, string Label);

/// <summary>How an inline field edits its value.</summary>
public enum InlineKind { Text, Multiline, Email, Url, Phone, Number, Date, DateTime, Select }
