using GalaxyCo.Data.Json;

namespace GalaxyCo.Data.Inbox;

public class EmailThread : EditableTenantEntity
{
    public string Subject { get; set; } = "";
    public string? Snippet { get; set; }
    public int MessageCount { get; set; }
    public List<EmailParticipant> Participants { get; set; } = [];
    public bool IsStarred { get; set; }
    public bool IsRead { get; set; }
    public string Folder { get; set; } = "inbox";
    public List<string> Labels { get; set; } = [];
    public DateTime? LastMessageAt { get; set; }
}
