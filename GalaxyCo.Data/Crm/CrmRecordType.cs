namespace GalaxyCo.Data.Crm;

/// <summary>Which CRM table a row of a shared CRM table (activity, custom field, view, import, search term) belongs to.</summary>
public enum CrmRecordType
{
    Customer,
    Contact,
    Prospect,
}
