// Add a school board (/admin/boards/new) or edit one (/admin/boards/:id): its DUO "bevoegd gezag"
// number and its name.
import { BoardView, CreateBoardBody, UpdateBoardBody } from '../../../contracts/organisations.ts';
import { TextField } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { adminKeys, type Board, useBoards } from './data.ts';
import { RecordForm, useRecordForm } from './forms.tsx';
import { RecordPage } from './frames.tsx';
import './admin.css';

function BoardForm({ board }: { board: Board | null }) {
  const { t } = useI18n();
  const form = useRecordForm({
    response: BoardView,
    initial: { code: board?.code ?? '', name: board?.name ?? '' },
    record: board,
    collection: '/api/boards',
    create: CreateBoardBody,
    update: UpdateBoardBody,
    list: adminKeys.boards,
    conflict: { path: 'code', message: 'admin.error.boardCode.taken' },
  });
  return (
    <RecordForm form={form} kind="board" name={board?.name} onSubmit={() => form.save(form.values)}>
      <TextField label={t('admin.board.name')} autoComplete="off" {...form.field('name')} />
      <TextField
        label={t('admin.board.code')}
        description={t('admin.board.codeHint')}
        inputMode="numeric"
        autoComplete="off"
        {...form.field('code')}
      />
    </RecordForm>
  );
}

export default function BoardFormPage({ params }: { params: Record<string, string> }) {
  const boards = useBoards();
  return (
    <RecordPage kind="board" id={params.id} list={boards}>
      {(board) => <BoardForm key={board?.id ?? 'new'} board={board} />}
    </RecordPage>
  );
}
