using GalaxyCo.Data;
using Microsoft.AspNetCore.Components.Web;

namespace GalaxyCo.Web.Components.Pages.Work.Board;

/// <summary>A card dropped into <paramref name="Status"/>'s column: before <paramref name="TargetId"/>'s card, or at the end when null.</summary>
public sealed record TaskDrop(WorkTaskStatus Status, Guid? TargetId);

/// <summary>A key pressed while a card has focus.</summary>
public sealed record TaskKey(Guid CardId, KeyboardEventArgs Args);
