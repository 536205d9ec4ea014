using GalaxyCo.Domain.Crm;

namespace GalaxyCo.Web.Components.Pages.Crm.Shared;

/// <summary>
/// A saved view the person picked in <see cref="SavedViewPicker"/>: its filters as name/value pairs (for prospects,
/// <see cref="ProspectFilterValues.FromValues"/> reads them into a <see cref="ProspectFilter"/>), the list columns it
/// shows (empty: the list's defaults) and its sort.
/// </summary>
public sealed record SavedViewSelection(SavedView View, IReadOnlyDictionary<string, string> Filters, IReadOnlyList<string> Columns, string? Sort);
