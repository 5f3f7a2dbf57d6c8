import type { WebClient } from '@slack/web-api';
import type { ModalPresenter, ModalView } from '../../app/modal-ports.ts';
import { renderModalView } from './render-reveal.ts';

type SlackView = Parameters<WebClient['views']['open']>[0]['view'];

/**
 * Modal windows through the Web API: `views.open` with a click's trigger id, `views.update` by
 * view id. Slack's refusals (`expired_trigger_id`, `not_found` for a closed window…) are thrown
 * by the Web client; neither the trigger id nor the view's content is ever logged.
 */
export class SlackModalPresenter implements ModalPresenter {
  constructor(
    private readonly web: WebClient,
    private readonly botToken: () => Promise<string>,
  ) {}

  async open(triggerId: string, view: ModalView): Promise<string> {
    const token = await this.botToken();
    const result = await this.web.views.open({
      token,
      trigger_id: triggerId,
      view: renderModalView(view) as unknown as SlackView,
    });
    const id = result.view?.id;
    if (!id) throw new Error('views.open returned no view id');
    return id;
  }

  async update(viewId: string, view: ModalView): Promise<void> {
    const token = await this.botToken();
    await this.web.views.update({
      token,
      view_id: viewId,
      view: renderModalView(view) as unknown as SlackView,
    });
  }
}
