namespace Gateway.Web.Components.Pages.Audit;

/// <summary>
/// The audit log: who changed what and when, the newest entries on open, filters applied on demand and
/// server-side paging through the same query as <c>GET /api/admin/audit</c>. It changes nothing.
/// </summary>
public partial class AuditPage
{
    private static readonly int[] PageSizes = [25, AuditQueryService.DefaultPageSize, 100, 200];

    protected override IFilteredRows<AuditRowView> Rows => Model;
}
