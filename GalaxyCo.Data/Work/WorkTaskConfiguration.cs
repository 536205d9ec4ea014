using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Work;

public sealed class WorkTaskConfiguration : TenantEntityConfiguration<WorkTask>
{
    protected override string Table => "tasks";

    protected override void ConfigureEntity(EntityTypeBuilder<WorkTask> builder)
    {
        builder.Property(t => t.Title).IsRequired().HasMaxLength(500);
        builder.Property(t => t.Attachments).HasJsonb();
        builder.HasOne(t => t.Project).WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.SetNull);
        ReferencesUser(builder, t => t.AssignedTo);
        ReferencesUser(builder, t => t.CreatedBy);
        builder.HasIndex(t => new { t.WorkspaceId, t.AssignedTo }).HasDatabaseName("task_workspace_assigned_idx");
        builder.HasIndex(t => t.ProjectId);
        // Home figures count open and overdue work per workspace: an index-only scan instead of a table scan.
        builder.HasIndex(t => new { t.WorkspaceId, t.Status, t.DueDate });
        var statuses = string.Join(" ", Enum.GetValues<WorkTaskStatus>().Select(s => $"WHEN '{Snake(s)}' THEN {WorkTask.OrderOf(s)}"));
        builder.Property(t => t.StatusOrder).HasComputedColumnSql($"CASE status {statuses} END", stored: true);
        builder.Property(t => t.IsOpen).HasComputedColumnSql("status IN ('todo', 'in_progress')", stored: true);
        // "My tasks": a person's open tasks in due order, one index range per bucket (overdue, today, this week, later).
        builder.HasIndex(t => new { t.WorkspaceId, t.AssignedTo, t.IsOpen, t.DueDate, t.Id });
        // The task board reads one status column at a time, in order.
        builder.HasIndex(t => new { t.WorkspaceId, t.StatusOrder, t.BoardPosition, t.Id });
        // The due-soon job: open tasks of a workspace due in the next window.
        builder.HasIndex(t => new { t.WorkspaceId, t.IsOpen, t.DueDate });
    }

    private static string Snake(WorkTaskStatus status) => status == WorkTaskStatus.InProgress ? "in_progress" : status.ToString().ToLowerInvariant();
}
