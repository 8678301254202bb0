import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, List, Popconfirm, Typography, Upload } from "antd";
import { type ApiError, upload } from "../../lib/api.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { useShowError } from "../../lib/useApiError.ts";
import { type Attachment, type AttachmentOwner, attachmentsUrl, movementApi } from "./api.ts";
import { useM } from "./shared.tsx";

/** What the server accepts (apps/server/src/modules/movement/attachments.ts): checked here first for a quick answer. */
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = ".jpg,.jpeg,.png,.webp,.gif,.pdf,.doc,.docx,.xlsx,.txt";
const ALLOWED =
  /^(image\/(jpeg|png|webp|gif)|application\/pdf|application\/vnd\.openxmlformats-officedocument\.(wordprocessingml\.document|spreadsheetml\.sheet)|application\/msword|text\/plain)$/;

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${formatNumber(bytes / 1024 / 1024, 1)} MB`
    : `${formatNumber(Math.ceil(bytes / 1024))} KB`;

/**
 * Photos, minutes and decisions of a movement record: the list with download links, an upload
 * (multipart with the session's CSRF header, through lib/api.ts `upload`) and delete, both only
 * when the record's abilities allow writing.
 */
export function Attachments({
  owner,
  ownerId,
  items,
  canEdit,
}: {
  owner: AttachmentOwner;
  ownerId: number;
  items: Attachment[];
  canEdit: boolean;
}) {
  const m = useM();
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const refresh = () => client.invalidateQueries({ queryKey: ["movement"] });
  const remove = useMutation({
    mutationFn: movementApi.deleteAttachment,
    onSuccess: () => {
      message.success(m("common.deleted"));
      void refresh();
    },
    onError: showError,
  });
  return (
    <section aria-label={m("attachments.title")}>
      <Typography.Title level={5}>{m("attachments.title")}</Typography.Title>
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: m("attachments.none") }}
        renderItem={(a) => (
          <List.Item
            actions={
              canEdit
                ? [
                    <Popconfirm
                      key="delete"
                      title={m("attachments.deleteConfirm", { name: a.fileName })}
                      onConfirm={() => remove.mutate(a.id)}
                    >
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`${m("common.delete")} ${a.fileName}`}
                      />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <span>
              <PaperClipOutlined />{" "}
              <a href={a.url} download={a.fileName}>
                {a.fileName}
              </a>{" "}
              <Typography.Text type="secondary">
                ({size(a.sizeBytes)}, {formatDateTime(a.createdAt)})
              </Typography.Text>
            </span>
          </List.Item>
        )}
      />
      {canEdit && (
        <div style={{ marginTop: 8 }}>
          <Upload
            accept={ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.type && !ALLOWED.test(file.type)) {
                message.error(m("attachments.badType", { name: file.name }));
                return Upload.LIST_IGNORE;
              }
              if (file.size > MAX_BYTES) {
                message.error(m("attachments.tooBig", { name: file.name }));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onProgress, onSuccess, onError }) => {
              const f = file as File;
              upload<Attachment>(attachmentsUrl(owner, ownerId), f, (percent) => onProgress?.({ percent }))
                .then((saved) => {
                  onSuccess?.(saved);
                  message.success(m("attachments.uploaded", { name: saved.fileName }));
                  void refresh();
                })
                .catch((e: ApiError) => {
                  onError?.(e);
                  showError(e);
                });
            }}
          >
            <Button icon={<UploadOutlined />}>{m("attachments.upload")}</Button>
          </Upload>
          <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
            {m("attachments.hint")}
          </Typography.Paragraph>
        </div>
      )}
    </section>
  );
}
