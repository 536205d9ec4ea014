namespace GalaxyCo.Data.Knowledge;

public class KnowledgeCollection : EditableTenantEntity
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Color { get; set; }
    public string? Icon { get; set; }
    public Guid? CreatedBy { get; set; }
    public int ItemCount { get; set; }
}
