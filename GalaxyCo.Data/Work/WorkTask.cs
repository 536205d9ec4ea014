using GalaxyCo.Data.Json;

namespace GalaxyCo.Data.Work;

/// <summary>The seed's tasks row (named WorkTask so it never collides with System.Threading.Tasks.Task).</summary>
public class WorkTask : EditableTenantEntity
{
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public WorkTaskStatus Status { get; set; } = WorkTaskStatus.Todo;
    public TaskPriority Priority { get; set; } = TaskPriority.Medium;
    public Guid? AssignedTo { get; set; }
    public Guid? CreatedBy { get; set; }
    public Guid? ProjectId { get; set; }
    public Project? Project { get; set; }
    public Guid? CustomerId { get; set; }
    public DateTime? DueDate { get; set; }
    public DateTime? StartDate { get; set; }
    public DateTime? CompletedAt { get; set; }
    public List<string> Tags { get; set; } = [];
    public List<FileAttachment> Attachments { get; set; } = [];
}
