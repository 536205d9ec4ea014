using GalaxyCo.Data;
using GalaxyCo.Domain.Workspaces;

namespace GalaxyCo.Domain.Crm;

/// <summary>
/// Moving a prospect to Lost with the reason it was lost. The reason is kept on the prospect (custom field
/// <see cref="ReasonField"/>, while it stays lost) and on its timeline (a stage change with data "reason"), written in
/// the same transaction as the move.
/// </summary>
public sealed class ProspectLossService(ProspectBoardService board, CurrentMember member)
{
    /// <summary>The custom field that holds why a lost prospect was lost.</summary>
    public const string ReasonField = "lost_reason";

    public const int ReasonMaxLength = 500;

    /// <summary>Moves the card to Lost between <paramref name="afterId"/> and <paramref name="beforeId"/> (see <see cref="ProspectBoardService.MoveAsync"/>) and records why.</summary>
    public async Task<Result<ProspectView>> MarkLostAsync(Guid id, string? reason, Guid? beforeId, Guid? afterId, uint version, CancellationToken ct = default)
    {
        if (!member.Can(Permissions.RecordsWrite)) return Result<ProspectView>.From(Result.Forbidden("You can't move prospects in this workspace."));
        var check = new CrmInputCheck();
        var text = check.Required("reason", reason, ReasonMaxLength, "Say why this prospect was lost.");
        if (check.Failed) return Result<ProspectView>.From(check.Invalid());
        return await board.MoveCoreAsync(id, ProspectStage.Lost, beforeId, afterId, version, text, ct);
    }
}
