namespace Portal.Core.Data;

/// <summary>One numbered schema change, as shipped in <c>Data/Migrations/{Provider}/NNNN_name.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql);
