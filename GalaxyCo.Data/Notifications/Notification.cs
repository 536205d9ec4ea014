namespace GalaxyCo.Data.Notifications;

public class Notification : TenantEntity
{
    public Guid? UserId { get; set; }
    public NotificationType Type { get; set; } = NotificationType.Info;
    public string Title { get; set; } = "";
    public string Message { get; set; } = "";
    public string? ActionUrl { get; set; }
    public string? ActionLabel { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
    public bool IsRead { get; set; }
    public bool IsDismissed { get; set; }
    public DateTime? ReadAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public uint Version { get; set; }
}
