using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Calendar;

public sealed class CalendarReminderDeliveryConfiguration : TenantEntityConfiguration<CalendarReminderDelivery>
{
    protected override string Table => "calendar_reminder_deliveries";

    protected override bool IndexWorkspaceAndCreatedAt => false;

    protected override void ConfigureEntity(EntityTypeBuilder<CalendarReminderDelivery> builder)
    {
        builder.Property(d => d.Method).IsRequired().HasMaxLength(20);
        builder.HasOne<CalendarEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.WorkspaceId, d.EventId, d.OccurrenceStart, d.MinutesBefore, d.Method }).IsUnique();
        builder.HasIndex(d => d.EventId);
    }
}
