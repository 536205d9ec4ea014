using GalaxyCo.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GalaxyCo.Data.Calendar;

public sealed class CalendarEventExceptionConfiguration : TenantEntityConfiguration<CalendarEventException>
{
    protected override string Table => "calendar_event_exceptions";

    protected override bool IndexWorkspaceAndCreatedAt => false;

    protected override void ConfigureEntity(EntityTypeBuilder<CalendarEventException> builder)
    {
        builder.Property(x => x.Title).HasMaxLength(300);
        builder.HasIndex(x => new { x.WorkspaceId, x.EventId, x.OriginalStart }).IsUnique();
        builder.HasIndex(x => x.EventId);
    }
}
