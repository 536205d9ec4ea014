namespace GalaxyCo.Data.Crm;

/// <summary>
/// One word of a customer's, contact's or prospect's name, email or company, kept by a trigger (see the
/// CrmSearchAndLiveChanges migration). Search matches word prefixes with a b-tree range in the "C" collation:
/// PostgreSQL only uses an index under RLS for leakproof operators, and trigram ILIKE is not one, text &gt;= / &lt; are.
/// </summary>
public class CrmSearchTerm : TenantEntity
{
    public CrmRecordType RecordType { get; set; }
    public Guid RecordId { get; set; }
    public string Term { get; set; } = "";
}
