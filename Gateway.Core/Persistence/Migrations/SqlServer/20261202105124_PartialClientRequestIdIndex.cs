using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gateway.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PartialClientRequestIdIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_usage_logs_ClientRequestId",
                table: "usage_logs");

            migrationBuilder.CreateIndex(
                name: "IX_usage_logs_ClientRequestId",
                table: "usage_logs",
                column: "ClientRequestId",
                filter: "[ClientRequestId] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_usage_logs_ClientRequestId",
                table: "usage_logs");

            migrationBuilder.CreateIndex(
                name: "IX_usage_logs_ClientRequestId",
                table: "usage_logs",
                column: "ClientRequestId");
        }
    }
}
