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

    /// <summary>
    /// The record's name as its list sorts it (customers and prospects: name; contacts: last name, first name), kept
    /// by the same trigger. It rides in the term index, so a search sorted by name is one index-only range read: no
    /// record is touched until the page's rows are known (see CrmSearchTermSortKey migration).
    /// </summary>
    public string? SortKey { get; set; }
}
