using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gateway.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResponseRetrieval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ResponseId",
                table: "usage_logs",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Envelope",
                table: "stored_responses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "InputItemCount",
                table: "stored_responses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_usage_logs_ResponseId",
                table: "usage_logs",
                column: "ResponseId",
                filter: "[ResponseId] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_usage_logs_ResponseId",
                table: "usage_logs");

            migrationBuilder.DropColumn(
                name: "ResponseId",
                table: "usage_logs");

            migrationBuilder.DropColumn(
                name: "Envelope",
                table: "stored_responses");

            migrationBuilder.DropColumn(
                name: "InputItemCount",
                table: "stored_responses");
        }
    }
}
