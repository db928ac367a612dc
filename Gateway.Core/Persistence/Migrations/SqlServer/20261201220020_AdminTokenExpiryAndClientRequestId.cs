using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gateway.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AdminTokenExpiryAndClientRequestId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClientRequestId",
                table: "usage_logs",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiresAt",
                table: "admin_tokens",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_usage_logs_ClientRequestId",
                table: "usage_logs",
                column: "ClientRequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_usage_logs_ClientRequestId",
                table: "usage_logs");

            migrationBuilder.DropColumn(
                name: "ClientRequestId",
                table: "usage_logs");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "admin_tokens");
        }
    }
}
