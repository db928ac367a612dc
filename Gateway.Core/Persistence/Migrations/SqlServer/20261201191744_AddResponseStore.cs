using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gateway.Core.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddResponseStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stored_responses",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    KeyId = table.Column<long>(type: "bigint", nullable: false),
                    ConversationId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    PreviousResponseId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastUsedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stored_responses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "stored_response_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ResponseId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    KeyId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    ItemId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Json = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stored_response_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_stored_response_items_stored_responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "stored_responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_stored_response_items_KeyId_ItemId",
                table: "stored_response_items",
                columns: new[] { "KeyId", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_stored_response_items_ResponseId_Position",
                table: "stored_response_items",
                columns: new[] { "ResponseId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_stored_responses_KeyId_ConversationId",
                table: "stored_responses",
                columns: new[] { "KeyId", "ConversationId" });

            migrationBuilder.CreateIndex(
                name: "IX_stored_responses_LastUsedAt",
                table: "stored_responses",
                column: "LastUsedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stored_response_items");

            migrationBuilder.DropTable(
                name: "stored_responses");
        }
    }
}
