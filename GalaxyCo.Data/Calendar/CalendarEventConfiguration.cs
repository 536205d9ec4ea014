using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Json;
using GalaxyCo.Data.Tenancy;
using GalaxyCo.Data.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Calendar;

public sealed class CalendarEventConfiguration : TenantEntityConfiguration<CalendarEvent>
{
    protected override string Table => "calendar_events";

    protected override void ConfigureEntity(EntityTypeBuilder<CalendarEvent> builder)
    {
        builder.Property(e => e.Title).IsRequired().HasMaxLength(300);
        builder.Property(e => e.Timezone).HasDefaultValue("America/Chicago");
        builder.Property(e => e.Attendees).HasJsonb();
        builder.Property(e => e.Reminders).HasJsonb();
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Project>().WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.SetNull);
        ReferencesUser(builder, e => e.CreatedBy);
        builder.HasIndex(e => new { e.WorkspaceId, e.StartTime });
        builder.Property(e => e.IsLong).HasComputedColumnSql($"end_time - start_time > interval '{CalendarEvent.LongEventDays} days'", stored: true);
        // Series that can reach into a visible range, and the rare long single events.
        builder.HasIndex(e => new { e.WorkspaceId, e.IsRecurring, e.StartTime });
        builder.HasIndex(e => new { e.WorkspaceId, e.IsLong, e.StartTime });
        builder.HasMany(e => e.Exceptions).WithOne().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
