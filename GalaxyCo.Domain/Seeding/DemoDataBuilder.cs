namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// Builds the whole demo in memory, area by area. The order is part of the seed: each area draws from the same
/// faker, and later areas refer to earlier ones (projects to customers, invoices to projects, audit to everything).
/// </summary>
internal static class DemoDataBuilder
{
    /// <summary>How long ago the demo company started using GalaxyCo.</summary>
    public const int WorkspaceAgeDays = 420;

    public static DemoData Build(Guid workspaceId, IReadOnlyList<DemoMember> members, DateTime now, int seed)
    {
        var data = new DemoData(workspaceId, members, now, seed);
        DemoWorkspace.Build(data);
        DemoCrm.Build(data);
        DemoWork.Build(data);
        DemoCalendar.Build(data);
        DemoInvoices.Build(data);
        DemoAgents.Build(data);
        DemoKnowledge.Build(data);
        DemoInbox.Build(data);
        DemoNotifications.Build(data);
        DemoIntegrations.Build(data);
        DemoHistory.Build(data);
        return data;
    }
}
