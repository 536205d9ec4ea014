using GalaxyCo.Data;
using Microsoft.AspNetCore.Components.Web;

namespace GalaxyCo.Web.Components.Pages.Crm.Board;

/// <summary>A card dropped into <paramref name="Stage"/>: before <paramref name="TargetId"/>'s card, or at the end when null.</summary>
public sealed record CardDrop(ProspectStage Stage, Guid? TargetId);

/// <summary>A key pressed while a card has focus.</summary>
public sealed record CardKey(Guid CardId, KeyboardEventArgs Args);
